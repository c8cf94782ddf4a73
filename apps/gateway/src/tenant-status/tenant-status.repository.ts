/** The tenant_status projection table. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { TenantStatusEntity } from './tenant-status.entity';

export abstract class TenantStatusRepository {
  abstract find(scope: TenantScope): Promise<TenantStatusEntity | undefined>;
  /**
   * Keeps the newest transition. One tenant's events arrive in order (keyed by tenant id), but
   * `TenantCreated` carries no status of its own and must never overwrite a later one.
   */
  abstract record(tx: Transaction, entity: TenantStatusEntity): Promise<void>;
}
