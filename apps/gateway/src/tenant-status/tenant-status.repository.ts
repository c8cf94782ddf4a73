/** The tenant_status projection table, and tenant_plans beside it. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { TenantPlanRecord, TenantStatusRecord } from './tenant-status.row';

export abstract class TenantStatusRepository {
  abstract find(scope: TenantScope): Promise<TenantStatusRecord | undefined>;
  /**
   * Keeps the newest transition. One tenant's events arrive in order (keyed by tenant id), but
   * `TenantCreated` carries no status of its own and must never overwrite a later one.
   */
  abstract record(tx: Transaction, entity: TenantStatusRecord): Promise<void>;
  abstract findPlan(scope: TenantScope): Promise<string | undefined>;
  /** Keeps the newest plan (by `changedAt`). */
  abstract recordPlan(tx: Transaction, entity: TenantPlanRecord): Promise<void>;
}
