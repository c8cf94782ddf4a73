/** An ApiKeyRepository in memory for unit specs; the bootstrap lock is a no-op (one process). */
import { ApiKey } from '../api-key.row';
import { ApiKeyRepository, NewApiKey } from '../api-key.repository';

export class InMemoryApiKeyRepository extends ApiKeyRepository {
  readonly keys: ApiKey[] = [];

  async insert(key: NewApiKey): Promise<ApiKey> {
    const entity = { ...key, lastUsedAt: null, revokedAt: null };
    this.keys.push(entity);
    return entity;
  }

  async findActiveByHash(keyHash: string): Promise<ApiKey | undefined> {
    return this.keys.find((key) => key.keyHash === keyHash && !key.revokedAt);
  }

  async findByHash(keyHash: string): Promise<ApiKey | undefined> {
    return this.keys.find((key) => key.keyHash === keyHash);
  }

  async list(): Promise<ApiKey[]> {
    return [...this.keys];
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    const key = this.keys.find((k) => k.id === id);
    if (!key) return false;
    key.revokedAt ??= at;
    return true;
  }

  async reinstate(id: string): Promise<void> {
    const key = this.keys.find((k) => k.id === id);
    if (key) key.revokedAt = null;
  }

  async hasActiveAdmin(): Promise<boolean> {
    return this.keys.some((key) => key.role === 'platform-admin' && !key.revokedAt);
  }

  withBootstrapLock<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  async touch(id: string, at: Date): Promise<void> {
    const key = this.keys.find((k) => k.id === id);
    if (key) key.lastUsedAt = at;
  }
}
