/** Each tenant's data key, wrapped by a master key, in the service's schema (provisioning.tenant_data_key). */
import { TenantScope } from '@tenantry/persistence';
import { WrappedDataKey } from '../infrastructure/master-keys';

export interface StoredDataKey extends WrappedDataKey {
  tenantId: string;
}

export abstract class TenantDataKeyRepository {
  /**
   * Stores `candidate` unless the tenant has a data key already; returns the stored one either way.
   * The caller wraps a candidate every time (microseconds of AES), so this is one statement, not a
   * read before the write.
   */
  abstract ensure(scope: TenantScope, candidate: WrappedDataKey): Promise<WrappedDataKey>;
  abstract find(scope: TenantScope): Promise<WrappedDataKey | undefined>;
  /** Crypto-shredding: forgets the wrapped key; returns whether there was one. */
  abstract destroy(scope: TenantScope): Promise<boolean>;
  /**
   * Re-wraps, in one transaction, up to `limit` keys not wrapped under `currentKeyId` (rows other
   * instances hold are skipped, and so are `skip`'s). `rewrap` throws for a key it cannot open.
   */
  abstract rewrapBatch(currentKeyId: string, limit: number, skip: readonly string[], rewrap: (key: StoredDataKey) => WrappedDataKey): Promise<{ rewrapped: number; failed: string[] }>;
  /** How many keys are wrapped under another master key than `currentKeyId`. */
  abstract countNotUnder(currentKeyId: string): Promise<number>;
}
