/** Storage of API keys in the gateway schema. */
import { ApiKey } from './api-key.row';

export type NewApiKey = Pick<ApiKey, 'id' | 'name' | 'prefix' | 'keyHash' | 'role' | 'tenantId' | 'bootstrap' | 'createdAt'>;

export abstract class ApiKeyRepository {
  abstract insert(key: NewApiKey): Promise<ApiKey>;
  /** Active keys only: a revoked key authenticates nobody. */
  abstract findActiveByHash(keyHash: string): Promise<ApiKey | undefined>;
  abstract findByHash(keyHash: string): Promise<ApiKey | undefined>;
  abstract list(): Promise<ApiKey[]>;
  /** Returns false when there is no such key (already revoked keys stay revoked at their first time). */
  abstract revoke(id: string, at: Date): Promise<boolean>;
  abstract reinstate(id: string): Promise<void>;
  abstract hasActiveAdmin(): Promise<boolean>;
  /** Runs `fn` holding a transaction-scoped advisory lock, so two gateways starting together agree. */
  abstract withBootstrapLock<T>(fn: () => Promise<T>): Promise<T>;
  abstract touch(id: string, at: Date): Promise<void>;
}
