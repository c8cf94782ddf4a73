/** An ApiKeyRepository in memory for unit specs; the locks are no-ops (one process). */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { HashScheme } from '../api-key-secrets';
import { ApiKey, RevocationReason } from '../api-key.row';
import { ApiKeyRepository, NewApiKey, touchIsDue } from '../api-key.repository';

export class InMemoryApiKeyRepository extends ApiKeyRepository {
  readonly keys: ApiKey[] = [];

  async insert(key: NewApiKey): Promise<ApiKey> {
    const entity: ApiKey = { ...key, lastUsedAt: null, revokedAt: null, revokedReason: null };
    this.keys.push(entity);
    return entity;
  }

  async findByHashes(keyHashes: string[], options: { activeOnly: boolean }): Promise<ApiKey | undefined> {
    return this.keys.find((key) => keyHashes.includes(key.keyHash) && (!options.activeOnly || !key.revokedAt));
  }

  async rehash(id: string, fromHash: string, toHash: string, scheme: HashScheme): Promise<boolean> {
    const key = this.keys.find((k) => k.id === id && k.keyHash === fromHash);
    if (!key) return false;
    key.keyHash = toHash;
    key.hashScheme = scheme;
    return true;
  }

  async list(): Promise<ApiKey[]> {
    return [...this.keys];
  }

  async revoke(id: string, at: Date, reason: RevocationReason): Promise<boolean> {
    const key = this.keys.find((k) => k.id === id);
    if (!key) return false;
    if (!key.revokedAt) Object.assign(key, { revokedAt: at, revokedReason: reason });
    return true;
  }

  async revokeTenantKeys(_tx: Transaction, scope: TenantScope, at: Date, reason: RevocationReason): Promise<number> {
    const active = this.keys.filter((key) => key.tenantId === scope.tenantId && !key.revokedAt);
    for (const key of active) Object.assign(key, { revokedAt: at, revokedReason: reason });
    return active.length;
  }

  async lockTenantKeys(): Promise<void> {
    // One process: nothing to order against.
  }

  async reinstate(id: string): Promise<void> {
    const key = this.keys.find((k) => k.id === id);
    if (key) Object.assign(key, { revokedAt: null, revokedReason: null });
  }

  async hasActiveAdmin(): Promise<boolean> {
    return this.keys.some((key) => key.role === 'platform-admin' && !key.revokedAt);
  }

  withBootstrapLock<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  async touch(id: string, at: Date): Promise<void> {
    const key = this.keys.find((k) => k.id === id);
    if (key && touchIsDue(key.lastUsedAt, at)) key.lastUsedAt = at;
  }
}
