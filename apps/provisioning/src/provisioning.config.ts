/** The environment of the provisioning service. */
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateBy } from 'class-validator';
import { InternalServiceConfig } from '@tenantry/config';
import { SAGA_STEP_NAMES } from '@tenantry/contracts';
import { decodeMasterKey, MIN_MASTER_KEY_BYTES, parseKeyList } from './infrastructure/master-keys';

const DNS_RESOLVERS = ['system', 'file'] as const;
export type DnsResolverKind = (typeof DNS_RESOLVERS)[number];

export class ProvisioningConfig extends InternalServiceConfig {
  override PORT = 3002;

  /** Replaces the lifecycle consumer's group (CONSUMER_GROUPS.lifecycle); tests and blue/green deployments give their own. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  LIFECYCLE_CONSUMER_GROUP?: string = undefined;

  /** Where tenant schemas and roles live; created if missing. Needs a role that may CREATE ROLE. */
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  TENANT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/tenantry_tenants';

  /** Tenant schemas are `<prefix>_<tenant uuid hex>`, roles the same plus `_app`; role names are cluster-wide. */
  @Matches(/^[a-z][a-z0-9]{0,9}$/, { message: 'must be 1 to 10 lowercase letters or digits, starting with a letter' })
  TENANT_IDENTIFIER_PREFIX = 't';

  /** Root of the tenants' storage, relative to the working directory unless absolute. */
  @IsString()
  TENANT_STORAGE_ROOT = '.run/storage/tenants';

  /** Where offboarding export archives are kept. */
  @IsString()
  EXPORT_DIR = '.run/exports';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  EXPORT_RETENTION_DAYS = 30;

  /** Parent domain of tenant subdomains. */
  @IsString()
  PLATFORM_DOMAIN = 'tenantry.local';

  /** Lifetime of the first admin's invitation. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  INVITATION_TTL_HOURS = 168;

  /**
   * The master key: wraps each tenant's data key (which seals the tenant's secrets) and seals the
   * platform's own (the local CA's key). Required, no default: at least 32 random bytes in base64.
   */
  @ValidateBy({
    name: 'isMasterKey',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && decodeMasterKey(value) !== undefined,
      defaultMessage: (args) =>
        typeof args?.value === 'string' && args.value !== ''
          ? `is too weak or not base64: it must decode to at least ${MIN_MASTER_KEY_BYTES} random bytes (e.g. \`openssl rand -base64 32\`)`
          : `is required: the master key, at least ${MIN_MASTER_KEY_BYTES} random bytes in base64 (e.g. \`openssl rand -base64 32\`)`,
    },
  })
  SECRET_KEY = '';

  /**
   * Earlier master keys, comma-separated, used only to unwrap what is not yet re-wrapped under
   * SECRET_KEY (rotation re-wraps everything, then they can go). An entry that is not base64 of 32
   * bytes only opens secrets sealed before envelope encryption (for the first start after upgrading).
   */
  @IsOptional()
  @ValidateBy({
    name: 'isKeyList',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseKeyList(value).every((entry) => entry.length >= 16 && entry.length <= 512),
      defaultMessage: () => 'must be a comma-separated list of earlier SECRET_KEY values',
    },
  })
  SECRET_KEY_PREVIOUS?: string = undefined;

  /** `system` asks DNS (node:dns); `file` reads TXT records from DNS_RECORDS_FILE (tests, air-gapped demos). */
  @IsIn(DNS_RESOLVERS)
  DNS_RESOLVER: DnsResolverKind = 'system';

  /** JSON `{"<name>": ["txt", ...]}` for DNS_RESOLVER=file. */
  @IsOptional()
  @IsString()
  DNS_RECORDS_FILE?: string = undefined;

  /** Attempts of a step before the saga gives up on it (and compensates). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  SAGA_MAX_ATTEMPTS = 3;

  /** First retry delay; doubles per attempt, capped at a minute. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SAGA_RETRY_BASE_MS = 1_000;

  /** How often the runner looks for runnable sagas when nothing wakes it. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  SAGA_POLL_MS = 1_000;

  /** Sagas one process runs at the same time (each one's steps still run in order). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(32)
  SAGA_CONCURRENCY = 4;

  /**
   * Fault injection for tests and game days: every attempt of the named step fails, so the
   * saga retries, compensates and reports TenantProvisioningFailed. Never set in production.
   */
  @IsOptional()
  @IsIn(SAGA_STEP_NAMES)
  PROVISIONING_FAIL_STEP?: string = undefined;

  /** Test-only: each step waits this long before running, to widen crash windows. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  PROVISIONING_STEP_DELAY_MS = 0;
}
