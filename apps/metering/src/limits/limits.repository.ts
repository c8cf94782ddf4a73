/** The limit projection: a tenant's whole set of limits, replaced only by a higher version; every query names the tenant. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { TenantLimit, TenantLimitSet } from './tenant-limit.row';

export abstract class LimitsRepository {
  /** Replaces the tenant's set if `set.version` is higher than the stored one; false when it was not. */
  abstract replace(tx: Transaction, set: TenantLimitSet): Promise<boolean>;
  abstract forTenant(scope: TenantScope): Promise<TenantLimit[]>;
}
