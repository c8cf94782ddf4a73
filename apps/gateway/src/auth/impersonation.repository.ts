/** Storage of impersonations in the gateway schema. */
import { Transaction } from '@tenantry/persistence';
import { Impersonation } from './impersonation.row';

export abstract class ImpersonationRepository {
  abstract insert(tx: Transaction, impersonation: Omit<Impersonation, 'revokedAt' | 'revokedBy'>): Promise<void>;
  /** The impersonation stored under this hash, whatever its state: the caller decides on expiry (by the injected clock) and revocation. */
  abstract findByHash(tokenHash: string): Promise<Impersonation | undefined>;
  abstract find(id: string): Promise<Impersonation | undefined>;
  abstract listForTenant(tenantId: string, limit: number): Promise<Impersonation[]>;
  /** Sets revoked_at once (a second revocation keeps the first time); undefined when there is no such impersonation. */
  abstract revoke(id: string, at: Date, by: string): Promise<Impersonation | undefined>;
}
