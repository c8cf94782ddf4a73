/** Payloads of the gateway's operational events (topic tenantry.gateway.operations.v1). */
import { IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class MaintenanceScheduledPayload {
  @IsUUID()
  maintenanceId!: string;

  /** Tenants affected; empty means the whole platform. */
  @IsArray()
  @IsUUID('all', { each: true })
  tenantIds!: string[];

  @IsISO8601()
  startsAt!: string;

  @IsISO8601()
  endsAt!: string;

  @IsString()
  @Length(1, 500)
  reason!: string;

  @IsOptional()
  @IsIn(['global', 'plan', 'tenant'])
  scope?: 'global' | 'plan' | 'tenant';

  /** With scope `plan`. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  planId?: string;

  /** Declared to start at once rather than scheduled in advance. */
  @IsOptional()
  @IsBoolean()
  emergency?: boolean;
}

/** Where a maintenance window applies: the whole platform, one plan's tenants, or one tenant. */
export const MAINTENANCE_SCOPES = ['global', 'plan', 'tenant'] as const;
export type MaintenanceScope = (typeof MAINTENANCE_SCOPES)[number];

/** A maintenance window began: the gateway answers its tenants' traffic with 503 until it ends. */
export class MaintenanceStartedPayload {
  @IsUUID()
  maintenanceId!: string;

  @IsIn(MAINTENANCE_SCOPES)
  scope!: MaintenanceScope;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  planId?: string;

  /** Tenants affected (scope `tenant`, or a plan's tenants when it started); empty for `global`. */
  @IsArray()
  @IsUUID('all', { each: true })
  tenantIds!: string[];

  @IsISO8601()
  startsAt!: string;

  /** When it ends by itself. */
  @IsISO8601()
  endsAt!: string;

  @IsBoolean()
  emergency!: boolean;

  @IsString()
  @Length(1, 500)
  reason!: string;
}

/** A maintenance window ended: at its end, ended early by an operator, or cancelled before it began. */
export class MaintenanceEndedPayload {
  @IsUUID()
  maintenanceId!: string;

  @IsIn(MAINTENANCE_SCOPES)
  scope!: MaintenanceScope;

  @IsArray()
  @IsUUID('all', { each: true })
  tenantIds!: string[];

  @IsISO8601()
  endedAt!: string;

  /** `elapsed`: its end came; `ended-early`: an operator ended it; `cancelled`: cancelled before it started. */
  @IsIn(['elapsed', 'ended-early', 'cancelled'])
  outcome!: 'elapsed' | 'ended-early' | 'cancelled';
}

/** A bulk job asked for a message to a tenant's admins (notifications is to deliver it). */
export class TenantAdminsNotificationRequestedPayload {
  @IsUUID()
  tenantId!: string;

  @IsUUID()
  bulkJobId!: string;

  @IsString()
  @Length(1, 200)
  subject!: string;

  @IsString()
  @Length(1, 5000)
  message!: string;

  /** Who asked (the bulk job's actor). */
  @IsString()
  actor!: string;

  @IsISO8601()
  at!: string;
}

/** A support or platform-admin principal started acting as a tenant's administrator (POST /tenants/{id}/impersonations). */
export class ImpersonationStartedPayload {
  @IsUUID()
  impersonationId!: string;

  @IsUUID()
  tenantId!: string;

  /** The acting API key's id (never its secret). */
  @IsUUID()
  actorKeyId!: string;

  @IsString()
  @Length(1, 64)
  actorRole!: string;

  @IsString()
  @Length(1, 500)
  reason!: string;

  /** False: read-only. */
  @IsBoolean()
  write!: boolean;

  @IsISO8601()
  startedAt!: string;

  @IsISO8601()
  expiresAt!: string;
}
