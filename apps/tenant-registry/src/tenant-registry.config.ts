/** The environment of the tenant-registry service. */
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { InternalServiceConfig, IsMasterKey, IsMasterKeyList } from '@tenantry/config';

export class TenantRegistryConfig extends InternalServiceConfig {
  override PORT = 3001;

  /**
   * The platform master key (the one provisioning and notifications use): integration secrets in a
   * tenant's configuration are sealed under a key derived from it (HKDF, purpose
   * `tenantry:tenant-config-secrets`, the tenant id bound in), never stored in clear.
   */
  @IsMasterKey()
  SECRET_KEY = '';

  /** Earlier master keys, comma-separated, only to open configuration secrets sealed before a rotation. */
  @IsOptional()
  @IsMasterKeyList()
  SECRET_KEY_PREVIOUS?: string = undefined;

  /** Subdomain tenants are served on `<label>.<PLATFORM_DOMAIN>`; a FQDN outside it is a custom domain. */
  @Matches(/^(?=.{1,200}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/, { message: 'must be a lowercase domain name such as tenantry.local' })
  PLATFORM_DOMAIN = 'tenantry.local';

  /** How often expired trials are looked for. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  TRIAL_CHECK_INTERVAL_MS = 60_000;

  /**
   * Who ends trials: `billing` (default) — the registry acts on billing's TrialEnded (active when a
   * payment method is on file or the plan is free, inactive otherwise); `registry` — the registry's
   * own sweep deactivates every trial at its end, for a deployment without the billing service.
   */
  @IsIn(['billing', 'registry'], { message: 'must be billing or registry' })
  TRIAL_EXPIRY: 'billing' | 'registry' = 'billing';

  /** Days an offboarded tenant's export is kept (announced in TenantOffboardingStarted). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of days' })
  @Min(1, { message: 'must be at least 1 day' })
  @Max(3650, { message: 'must be at most 3650 days' })
  OFFBOARDING_RETENTION_DAYS = 30;

  /** How many tenants of one bulk job are worked on at once (per registry instance). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  @Max(64, { message: 'must be at most 64' })
  BULK_JOB_CONCURRENCY = 4;

  /** The most tenants one bulk job may select (an explicit list or a filter's matches). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  @Max(100_000, { message: 'must be at most 100000' })
  BULK_JOB_MAX_TENANTS = 1000;

  /** How often running bulk jobs are looked for (new ones, and after a restart the ones left running). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(50, { message: 'must be at least 50 ms' })
  BULK_JOB_POLL_INTERVAL_MS = 1000;

  /** A pause after each tenant of a bulk job, per worker: throttles the load a large job puts on the platform (0: none). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(0, { message: 'must be at least 0' })
  @Max(60_000, { message: 'must be at most 60000 ms' })
  BULK_JOB_ITEM_DELAY_MS = 0;

  /** How often maintenance windows are started and ended. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  MAINTENANCE_TICK_MS = 1000;
}
