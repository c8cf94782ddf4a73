/** A LimitsRepository in memory for unit specs: the highest version of each tenant's set wins. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { LimitsRepository } from '../limits.repository';
import { TenantLimit, TenantLimitSet } from '../tenant-limit.row';

export class InMemoryLimitsRepository extends LimitsRepository {
  readonly sets = new Map<string, TenantLimitSet>();

  replace(_tx: Transaction, set: TenantLimitSet): Promise<boolean> {
    const current = this.sets.get(set.tenantId);
    if (current && current.version >= set.version) return Promise.resolve(false);
    this.sets.set(set.tenantId, set);
    return Promise.resolve(true);
  }

  forTenant(scope: TenantScope): Promise<TenantLimit[]> {
    return Promise.resolve([...(this.sets.get(scope.tenantId)?.limits ?? [])]);
  }
}
