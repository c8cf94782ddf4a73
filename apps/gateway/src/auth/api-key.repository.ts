/** Storage of API keys in the gateway schema. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { HashScheme } from './api-key-secrets';
import { ApiKey, RevocationReason } from './api-key.row';

export type NewApiKey = Pick<ApiKey, 'id' | 'name' | 'prefix' | 'keyHash' | 'hashScheme' | 'role' | 'tenantId' | 'bootstrap' | 'createdAt'>;

/** `last_used_at` is written once a minute at most, so authentication does not write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Whether a key last used at `lastUsedAt` is due a `touch` at `now` (the repository checks again, against concurrent gateways). */
export function touchIsDue(lastUsedAt: Date | null, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
}

export abstract class ApiKeyRepository {
  /** Outside a transaction, or in `tx` (a tenant-admin key is inserted holding the tenant's key lock). */
  abstract insert(key: NewApiKey, tx?: Transaction): Promise<ApiKey>;
  /** The key stored under any of these hashes (one secret's hash under each scheme); active keys only when asked. */
  abstract findByHashes(keyHashes: string[], options: { activeOnly: boolean }): Promise<ApiKey | undefined>;
  /** Moves a key to another stored hash; false when it no longer has `fromHash` (another gateway got there first). */
  abstract rehash(id: string, fromHash: string, toHash: string, scheme: HashScheme): Promise<boolean>;
  abstract list(): Promise<ApiKey[]>;
  /** Returns false when there is no such key (already revoked keys stay revoked at their first time and reason). */
  abstract revoke(id: string, at: Date, reason: RevocationReason): Promise<boolean>;
  /** Revokes every active key bound to the tenant; returns how many. */
  abstract revokeTenantKeys(tx: Transaction, scope: TenantScope, at: Date, reason: RevocationReason): Promise<number>;
  /**
   * Holds, until `tx` ends, the lock that orders issuing a key for this tenant against revoking its
   * keys at deletion: a key is never issued after its tenant's keys were revoked.
   */
  abstract lockTenantKeys(tx: Transaction, scope: TenantScope): Promise<void>;
  abstract reinstate(id: string): Promise<void>;
  abstract hasActiveAdmin(): Promise<boolean>;
  /** Runs `fn` holding a transaction-scoped advisory lock, so two gateways starting together agree. */
  abstract withBootstrapLock<T>(fn: () => Promise<T>): Promise<T>;
  /** Records a use at `at`, unless the stored one is less than LAST_USED_RESOLUTION_MS older. */
  abstract touch(id: string, at: Date): Promise<void>;
}
