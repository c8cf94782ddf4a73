/** Payloads of the provisioning service's saga outcomes (topic tenantry.tenant.provisioning.v1). */
import { IsEmail, IsInt, IsISO8601, IsString, IsUUID, Length, Matches, Min } from 'class-validator';

/** The provisioning saga's steps in the order they run; TenantProvisioningFailed's `step` is one of them. */
export const PROVISIONING_STEPS = ['domain', 'database', 'storage', 'configuration', 'admin-user'] as const;

/** The offboarding saga's steps in the order they run. */
export const OFFBOARDING_STEPS = ['export', 'drop-database', 'remove-storage'] as const;

/** Every step a saga's log can show. */
export const SAGA_STEP_NAMES = [...PROVISIONING_STEPS, ...OFFBOARDING_STEPS] as const;

export class TenantProvisionedPayload {
  @IsUUID()
  tenantId!: string;

  /** The Postgres schema that holds the tenant's data. */
  @IsString()
  schemaName!: string;

  @IsString()
  storageRoot!: string;

  /** Fully qualified host name the tenant is served on. */
  @IsString()
  hostname!: string;

  @IsISO8601()
  at!: string;
}

export class TenantProvisioningFailedPayload {
  @IsUUID()
  tenantId!: string;

  @IsString()
  step!: string;

  @IsString()
  @Length(1, 2000)
  reason!: string;

  @IsInt()
  @Min(1)
  attempts!: number;

  @IsISO8601()
  at!: string;
}

export class TenantAdminCreatedPayload {
  @IsUUID()
  tenantId!: string;

  @IsUUID()
  userId!: string;

  @IsEmail()
  email!: string;

  @IsISO8601()
  invitationExpiresAt!: string;
}

export class TenantOffboardedPayload {
  @IsUUID()
  tenantId!: string;

  /** The export archive's opaque name (`urn:tenantry:export:<id>`, never a host path), kept until `retainedUntil`; provisioning's export API serves it. */
  @IsString()
  archiveUri!: string;

  @Matches(/^[a-f0-9]{64}$/)
  archiveSha256!: string;

  @IsISO8601()
  retainedUntil!: string;

  @IsISO8601()
  at!: string;
}
