/** The environment of the provisioning service. */
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateBy } from 'class-validator';
import { InternalServiceConfig, IsMasterKey } from '@tenantry/config';
import { SAGA_STEP_NAMES } from '@tenantry/contracts';
import { parseKeyList } from './infrastructure/master-keys';

const DNS_RESOLVERS = ['system', 'file'] as const;

/** `database`: a PostgreSQL database per tenant; `schema`: a schema in the shared tenant database. */
export const ISOLATION_TIERS = ['database', 'schema'] as const;
export type IsolationTier = (typeof ISOLATION_TIERS)[number];

/** `free:schema,growth:database` → plan id → tier; undefined when an entry is malformed. */
export function parseIsolationByPlan(value: string | undefined): Map<string, IsolationTier> | undefined {
  const byPlan = new Map<string, IsolationTier>();
  for (const entry of (value ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^([A-Za-z0-9][A-Za-z0-9_-]{0,62}):(database|schema)$/.exec(entry);
    if (!match?.[1] || !match[2] || byPlan.has(match[1])) return undefined;
    byPlan.set(match[1], match[2] as IsolationTier);
  }
  return byPlan;
}
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

  /**
   * Tenant databases, schemas and roles are `<prefix>_<32 hex of a SHA-256 of the tenant id>`: the
   * names are cluster-wide (pg_database, pg_roles), so they must not reveal tenant ids. Tenants
   * provisioned before keep their recorded `<prefix>_<uuid hex>` schema and `..._app` role.
   */
  @Matches(/^[a-z][a-z0-9]{0,9}$/, { message: 'must be 1 to 10 lowercase letters or digits, starting with a letter' })
  TENANT_IDENTIFIER_PREFIX = 't';

  /**
   * The isolation tier of a new tenant (README, "Isolation tiers"): `database` (a PostgreSQL database
   * of its own on TENANT_DATABASE_URL's server) or `schema` (a schema in TENANT_DATABASE_URL's
   * database). Recorded at the `database` step; changing it later does not move existing tenants.
   */
  @IsIn(ISOLATION_TIERS)
  TENANT_ISOLATION: IsolationTier = 'database';

  /** Per-plan exceptions to TENANT_ISOLATION, `<plan id>:<tier>` comma-separated (e.g. `free:schema`). */
  @IsOptional()
  @ValidateBy({
    name: 'isIsolationByPlan',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseIsolationByPlan(value) !== undefined,
      defaultMessage: () => 'must be a comma-separated list of <plan id>:database or <plan id>:schema, each plan once',
    },
  })
  TENANT_ISOLATION_BY_PLAN?: string = undefined;

  /**
   * Schemas kept ready for new schema-tier tenants (README, "Schema pool"): each made ahead of time
   * with its role, CONNECT and the baseline, and renamed to a new tenant's names when it is created,
   * so a burst of that many new tenants skips most of its DDL. Refilled one at a time when no tenant
   * has been created for TENANT_SCHEMA_POOL_IDLE_MS. 0 turns the pool off; it is off anyway when no
   * plan gets the `schema` tier.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  TENANT_SCHEMA_POOL_SIZE = 10;

  /** How long no tenant must have been created before the schema pool is refilled. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  TENANT_SCHEMA_POOL_IDLE_MS = 2_000;

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
  @IsMasterKey()
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

  /**
   * Sagas one process runs at the same time (each one's steps still run in order). A saga spends
   * most of its time waiting on round trips, not on CPU: ten tenants created at once run at once.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(32)
  SAGA_CONCURRENCY = 10;

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

  /** Largest import upload (POST /internal/v1/tenants/:id/imports) in bytes; past it the upload is refused with 413 as it streams. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  IMPORT_MAX_BYTES = 104_857_600;

  /** Most data rows in one import file; one more and the upload is refused with 413 `import-too-many-rows`. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  IMPORT_MAX_ROWS = 100_000;

  /** How often the import runner looks for jobs to validate, import or resume when nothing wakes it. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  IMPORT_POLL_MS = 1_000;

  /**
   * The key the first admin's invitation token is derived from (HMAC, @tenantry/internal-auth's
   * deriveInvitationToken); notifications holds the same key and derives the token when it mails the
   * invitation, so the token never travels nor is stored in clear. Required: 32 random bytes in base64.
   */
  @ValidateBy({
    name: 'isInvitationKey',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length >= 32,
      defaultMessage: (args) =>
        typeof args?.value === 'string' && args.value !== ''
          ? 'is too weak or not base64: it must decode to at least 32 random bytes (e.g. `openssl rand -base64 32`)'
          : "is required: the key invitation tokens are derived from (the same as notifications'), at least 32 random bytes in base64 (e.g. `openssl rand -base64 32`)",
    },
  })
  INVITATION_KEY = '';
}

/** Whether any new tenant can get the `schema` tier: TENANT_ISOLATION, or a plan's entry in TENANT_ISOLATION_BY_PLAN. */
export function schemaTierInUse(config: Pick<ProvisioningConfig, 'TENANT_ISOLATION' | 'TENANT_ISOLATION_BY_PLAN'>): boolean {
  return config.TENANT_ISOLATION === 'schema' || [...(parseIsolationByPlan(config.TENANT_ISOLATION_BY_PLAN)?.values() ?? [])].includes('schema');
}

/** The tier a new tenant on `planId` gets: its plan's entry in TENANT_ISOLATION_BY_PLAN, else TENANT_ISOLATION. */
export function isolationTierFor(config: Pick<ProvisioningConfig, 'TENANT_ISOLATION' | 'TENANT_ISOLATION_BY_PLAN'>, planId: string | undefined): IsolationTier {
  return (planId ? parseIsolationByPlan(config.TENANT_ISOLATION_BY_PLAN)?.get(planId) : undefined) ?? config.TENANT_ISOLATION;
}
