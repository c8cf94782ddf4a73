/** The environment of the tenant-registry service. */
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { InternalServiceConfig } from '@tenantry/config';

export class TenantRegistryConfig extends InternalServiceConfig {
  override PORT = 3001;

  /** Subdomain tenants are served on `<label>.<PLATFORM_DOMAIN>`; a FQDN outside it is a custom domain. */
  @Matches(/^(?=.{1,200}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/, { message: 'must be a lowercase domain name such as tenantry.local' })
  PLATFORM_DOMAIN = 'tenantry.local';

  /** How often expired trials are looked for. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  TRIAL_CHECK_INTERVAL_MS = 60_000;

  /** Days an offboarded tenant's export is kept (announced in TenantOffboardingStarted). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of days' })
  @Min(1, { message: 'must be at least 1 day' })
  @Max(3650, { message: 'must be at most 3650 days' })
  OFFBOARDING_RETENTION_DAYS = 30;
}
