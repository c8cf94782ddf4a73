/** Payloads of the tenant registry's lifecycle events (topic tenantry.tenant.lifecycle.v1). */
import {
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { nested, ResourceLimit, TenantConfiguration, TenantDomain, TenantPlanRef, TenantResources } from './shared.payload';

export const TENANT_STATUSES = [
  'provisioning',
  'provisioning_failed',
  'trial',
  'active',
  'suspended',
  'inactive',
  'offboarding',
  'deleted',
] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export class TenantCreatedPayload {
  @IsUUID()
  tenantId!: string;

  @IsString()
  @Length(1, 63)
  slug!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @ValidateNested()
  @nested(TenantDomain)
  domain!: TenantDomain;

  @ValidateNested()
  @nested(TenantPlanRef)
  plan!: TenantPlanRef;

  @IsEmail()
  adminEmail!: string;

  @ValidateNested()
  @nested(TenantConfiguration)
  configuration!: TenantConfiguration;

  @ValidateNested()
  @nested(TenantResources)
  resources!: TenantResources;

  @IsISO8601()
  createdAt!: string;
}

export class TenantUpdatedPayload {
  @IsUUID()
  tenantId!: string;

  /** Names of the fields that changed. */
  @IsArray()
  @IsString({ each: true })
  changed!: string[];

  @IsInt()
  @Min(1)
  version!: number;

  @IsISO8601()
  updatedAt!: string;
}

export class TenantStatusChangedPayload {
  @IsUUID()
  tenantId!: string;

  @IsIn(TENANT_STATUSES)
  from!: TenantStatus;

  @IsIn(TENANT_STATUSES)
  to!: TenantStatus;

  @IsOptional()
  @IsString()
  @Length(0, 500)
  reason?: string;

  /** Who caused the transition: an API key id, a service name or `system`. */
  @IsString()
  actor!: string;

  @IsISO8601()
  at!: string;
}

export class TenantActivatedPayload extends TenantStatusChangedPayload {}
export class TenantSuspendedPayload extends TenantStatusChangedPayload {}
export class TenantReactivatedPayload extends TenantStatusChangedPayload {}
export class TenantDeletedPayload extends TenantStatusChangedPayload {}
export class TenantTrialStartedPayload extends TenantStatusChangedPayload {
  @IsISO8601()
  trialEndsAt!: string;
}
export class TenantDeactivatedPayload extends TenantStatusChangedPayload {}
export class TenantProvisioningRetryRequestedPayload extends TenantStatusChangedPayload {}

export class TenantOffboardingStartedPayload extends TenantStatusChangedPayload {
  @IsInt()
  @Min(1)
  retentionDays!: number;
}

export class TenantPlanChangedPayload {
  @IsUUID()
  tenantId!: string;

  @IsString()
  fromPlanId!: string;

  @IsString()
  toPlanId!: string;

  @IsISO8601()
  at!: string;
}

export class TenantLimitsChangedPayload {
  @IsUUID()
  tenantId!: string;

  @IsArray()
  @ValidateNested({ each: true })
  @nested(ResourceLimit)
  limits!: ResourceLimit[];

  @IsInt()
  @Min(1)
  version!: number;

  @IsISO8601()
  at!: string;
}

export class TenantConfigChangedPayload {
  @IsUUID()
  tenantId!: string;

  /** The configuration version (GET /tenants/{id}/configuration/versions/{version}). */
  @IsInt()
  @Min(1)
  version!: number;

  /** The whole effective configuration after the change (plan defaults under the tenant's overrides: theme, language, timezone, currency, branding, features, integrations, security); secrets are masked, never sent. */
  @IsObject()
  configuration!: Record<string, unknown>;

  /** The dotted paths the change touched (`branding.primaryColor`, `security.allowedIpRanges`, `integrations.slack.secrets.token`); absent from producers older than the configuration API. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  changedPaths?: string[];

  @IsISO8601()
  at!: string;
}
