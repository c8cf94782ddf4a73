/** The api_call_blocks and api_call_limits tables: what the quota consumer writes and the interceptor looks up. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { ApiCallBlock, KnownApiCallLimit } from './api-call-block.row';

export abstract class ApiCallQuotaRepository {
  /** The hot-path check: one primary-key lookup, and only for tenant-admin keys. */
  abstract activeBlock(scope: TenantScope, now: Date): Promise<ApiCallBlock | undefined>;
  /**
   * Serialises the quota writes of one tenant: an alert and a limits change arrive on different
   * topics, possibly at once, and each decides from what the other wrote.
   */
  abstract lockTenant(tx: Transaction, scope: TenantScope): Promise<void>;
  abstract findBlock(tx: Transaction, scope: TenantScope): Promise<ApiCallBlock | null>;
  /** Keeps the block that lasts longest (a late alert for an earlier month never shortens one). */
  abstract block(tx: Transaction, block: ApiCallBlock, at: Date): Promise<void>;
  abstract lift(tx: Transaction, scope: TenantScope): Promise<void>;
  abstract knownLimit(tx: Transaction, scope: TenantScope): Promise<KnownApiCallLimit | null>;
  /** Stores the announced limit if its version is newer than the one known; false when it is not. */
  abstract saveKnownLimit(tx: Transaction, known: KnownApiCallLimit): Promise<boolean>;
}
