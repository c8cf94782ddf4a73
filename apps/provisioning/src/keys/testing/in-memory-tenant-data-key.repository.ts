/** Tenant data keys in memory, for unit tests. */
import { TenantScope } from '@tenantry/persistence';
import { WrappedDataKey } from '../../infrastructure/master-keys';
import { StoredDataKey, TenantDataKeyRepository } from '../tenant-data-key.repository';

export class InMemoryTenantDataKeyRepository extends TenantDataKeyRepository {
  readonly keys = new Map<string, WrappedDataKey>();

  ensure(scope: TenantScope, candidate: WrappedDataKey): Promise<WrappedDataKey> {
    if (!this.keys.has(scope.tenantId)) this.keys.set(scope.tenantId, candidate);
    return Promise.resolve(this.keys.get(scope.tenantId) as WrappedDataKey);
  }

  find(scope: TenantScope): Promise<WrappedDataKey | undefined> {
    return Promise.resolve(this.keys.get(scope.tenantId));
  }

  destroy(scope: TenantScope): Promise<boolean> {
    return Promise.resolve(this.keys.delete(scope.tenantId));
  }

  rewrapBatch(currentKeyId: string, limit: number, skip: readonly string[], rewrap: (key: StoredDataKey) => WrappedDataKey): Promise<{ rewrapped: number; failed: string[] }> {
    const due = [...this.keys.entries()].filter(([tenantId, key]) => key.masterKeyId !== currentKeyId && !skip.includes(tenantId)).slice(0, limit);
    let rewrapped = 0;
    const failed: string[] = [];
    for (const [tenantId, key] of due) {
      try {
        this.keys.set(tenantId, rewrap({ tenantId, ...key }));
        rewrapped += 1;
      } catch {
        failed.push(tenantId);
      }
    }
    return Promise.resolve({ rewrapped, failed });
  }

  countNotUnder(currentKeyId: string): Promise<number> {
    return Promise.resolve([...this.keys.values()].filter((key) => key.masterKeyId !== currentKeyId).length);
  }
}
