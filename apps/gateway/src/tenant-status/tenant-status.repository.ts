/** The tenant_status projection table. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { TenantStatusRecord } from './tenant-status.row';

export abstract class TenantStatusRepository {
  abstract find(scope: TenantScope): Promise<TenantStatusRecord | undefined>;
  /**
   * Keeps the newest transition. One tenant's events arrive in order (keyed by tenant id), but
   * `TenantCreated` carries no status of its own and must never overwrite a later one.
   */
  abstract record(tx: Transaction, entity: TenantStatusRecord): Promise<void>;
}
