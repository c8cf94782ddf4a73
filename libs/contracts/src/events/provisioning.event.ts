/** Payloads of the provisioning service's saga outcomes (topic tenantry.tenant.provisioning.v1). */
import { IsEmail, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';

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

  /**
   * The tenant's own database (isolation tier `database`), on the server of the tenant database;
   * absent in tier `schema`, where the schema is in the shared tenant database.
   */
  @IsOptional()
  @IsString()
  @Length(1, 63)
  databaseName?: string;

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

/** How a custom domain's control was proven: `dns-txt`, a `_tenantry-verify.<domain>` TXT record holding the token. */
export const DOMAIN_VERIFICATION_METHODS = ['dns-txt'] as const;
export type DomainVerificationMethod = (typeof DOMAIN_VERIFICATION_METHODS)[number];

/**
 * A tenant's custom domain was verified (POST /tenants/{id}/domain/verify found the TXT record):
 * the route is active. Published once per domain, in the transaction that activates the route.
 */
export class DomainVerifiedPayload {
  @IsUUID()
  tenantId!: string;

  /** The verified host name, lower case, without a trailing dot. */
  @IsString()
  @Length(1, 253)
  domain!: string;

  @IsISO8601()
  verifiedAt!: string;

  @IsIn(DOMAIN_VERIFICATION_METHODS)
  method!: DomainVerificationMethod;
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

/** Roles a tenant user can hold (the tenant baseline's `roles` table). */
export const TENANT_USER_ROLES = ['admin', 'member', 'viewer'] as const;

/**
 * A user was invited into a tenant (POST /tenants/{id}/users). Like TenantAdminCreated it carries no
 * token: notifications derives it from INVITATION_KEY and (tenant, e-mail, expiry) to mail the link.
 */
export class TenantUserInvitedPayload {
  @IsUUID()
  tenantId!: string;

  @IsUUID()
  userId!: string;

  @IsEmail()
  email!: string;

  @IsString()
  @Matches(/^(admin|member|viewer)$/)
  role!: string;

  @IsISO8601()
  invitationExpiresAt!: string;

  /** Who invited: `key:<api-key id>` (an impersonation's calls carry the impersonation's id). */
  @IsString()
  @Length(1, 200)
  invitedBy!: string;
}

/** What an import job wrote into (`users`: the tenant's users table). */
export const IMPORT_TARGETS = ['users'] as const;

/**
 * A data import (POST /tenants/{id}/imports, not a dry run) committed every row of its file into the
 * tenant's own database in one transaction. Counts only: no personal data.
 */
export class TenantDataImportedPayload {
  @IsUUID()
  tenantId!: string;

  @IsUUID()
  importId!: string;

  @IsString()
  @Matches(/^(users)$/)
  target!: string;

  @IsInt()
  @Min(0)
  rowsImported!: number;

  /** Who started it: `key:<api-key id>`. */
  @IsString()
  @Length(1, 200)
  importedBy!: string;

  @IsISO8601()
  at!: string;
}
