/** The automatic collection schedule: one row per finalized invoice with a total, until it is paid or its retries are spent. */
import { TenantScope, Transaction } from '@tenantry/persistence';

export interface Collection {
  tenantId: string;
  invoiceId: string;
  /** The next charge (or the lease of one in flight); null: none left. */
  nextAttemptAt: Date | null;
  firstFailedAt: Date | null;
  failures: number;
}

export abstract class CollectionRepository {
  /** Schedules the first charge of a finalized invoice (once; a second call changes nothing). */
  abstract schedule(tx: Transaction, scope: TenantScope & { invoiceId: string }, at: Date): Promise<void>;
  /** `schedule` for several invoices. */
  async scheduleMany(tx: Transaction, invoices: readonly (TenantScope & { invoiceId: string })[], at: Date): Promise<void> {
    for (const invoice of invoices) await this.schedule(tx, invoice, at);
  }
  /** Invoices whose next charge is due at `now`, of every tenant, oldest first. */
  abstract due(now: Date, limit: number): Promise<{ tenantId: string; invoiceId: string }[]>;
  /** Takes a due collection (moves its next attempt to `leaseUntil`, so no other instance takes it); undefined when it is no longer due. */
  abstract claim(tx: Transaction, scope: TenantScope & { invoiceId: string }, now: Date, leaseUntil: Date): Promise<Collection | undefined>;
  /** The invoice's collection, locked until `tx` ends. */
  abstract lock(tx: Transaction, scope: TenantScope & { invoiceId: string }): Promise<Collection | undefined>;
  abstract update(tx: Transaction, collection: Collection): Promise<void>;
  abstract drop(tx: Transaction, scope: TenantScope & { invoiceId: string }): Promise<void>;
}
