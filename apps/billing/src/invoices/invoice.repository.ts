/** Invoices and their lines; tenant-scoped reads and writes name the tenant. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { InvoiceStatus, PaymentStatus } from '@tenantry/billing-api';
import { InvoiceAmounts, InvoiceLine } from './invoice-calculation';
import { Invoice } from './invoice.row';

export abstract class InvoiceRepository {
  /** Inserts a draft with its lines; false when the subscription has an invoice for the period already. */
  abstract insert(tx: Transaction, invoice: Invoice): Promise<boolean>;
  /** The invoice, its row locked until `tx` ends. */
  abstract lock(tx: Transaction, scope: TenantScope & { invoiceId: string }): Promise<Invoice | undefined>;
  /** Replaces a draft's amounts and lines, one revision up. */
  abstract revise(tx: Transaction, scope: TenantScope & { invoiceId: string }, taxRate: string, amounts: InvoiceAmounts): Promise<void>;
  /** Takes the next number (gapless: it commits with `tx` or not at all) and finalizes the draft; returns the number. */
  abstract finalize(tx: Transaction, scope: TenantScope & { invoiceId: string }, at: Date, dueAt: Date, paymentStatus: 'pending' | null): Promise<string>;
  /** Sets a finalized invoice's payment status. */
  abstract setPaymentStatus(tx: Transaction, scope: TenantScope & { invoiceId: string }, status: PaymentStatus): Promise<void>;
  abstract find(scope: TenantScope & { invoiceId: string }, tx?: Transaction): Promise<Invoice | undefined>;
  /** Any tenant's invoice by id (platform reads). */
  abstract findById(invoiceId: string): Promise<Invoice | undefined>;
  abstract list(scope: TenantScope & { status?: InvoiceStatus; limit: number }): Promise<Invoice[]>;
  /** The subscription's finalized (not voided) invoices of these periods. */
  abstract finalizedOfPeriods(tx: Transaction, scope: TenantScope & { subscriptionId: string }, periodStarts: readonly Date[]): Promise<Invoice[]>;
  /** Adjustment lines on the tenant's finalized (not voided) invoices that bill late usage of these periods. */
  abstract adjustmentsFor(tx: Transaction, scope: TenantScope, periodStarts: readonly Date[]): Promise<InvoiceLine[]>;
  /** The tenant's unused credit: `credit` credit notes less the credit applied on finalized (not voided) invoices. A decimal string. */
  abstract creditBalance(tx: Transaction, scope: TenantScope): Promise<string>;
  /** creditBalance for many tenants in one query (a billing run's page): tenant id → balance, every tenant asked for present. */
  abstract creditBalances(tx: Transaction, tenantIds: readonly string[]): Promise<Map<string, string>>;
  /** Voids a finalized invoice (it keeps its number); false when it is not finalized. */
  abstract void(tx: Transaction, scope: TenantScope & { invoiceId: string }, at: Date, idempotencyKey: string | null): Promise<boolean>;

  /** `insert` for several drafts in one go; returns the ids of those inserted (the others had an invoice for their period already). */
  async insertMany(tx: Transaction, invoices: readonly Invoice[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (const invoice of invoices) if (await this.insert(tx, invoice)) inserted.add(invoice.id);
    return inserted;
  }

  /** Several invoices, their rows locked until `tx` ends, in id order (missing ones left out). */
  async lockMany(tx: Transaction, invoices: readonly (TenantScope & { invoiceId: string })[]): Promise<Invoice[]> {
    const found: Invoice[] = [];
    for (const key of [...invoices].sort((a, b) => (a.invoiceId < b.invoiceId ? -1 : 1))) {
      const invoice = await this.lock(tx, key);
      if (invoice) found.push(invoice);
    }
    return found;
  }

  /** `finalize` for several drafts: they take the next numbers in the order given (gapless, with `tx`); returns the numbers in that order. */
  async finalizeMany(tx: Transaction, invoices: readonly (TenantScope & { invoiceId: string; paymentStatus: 'pending' | null })[], at: Date, dueAt: Date): Promise<string[]> {
    const numbers: string[] = [];
    for (const invoice of invoices) numbers.push(await this.finalize(tx, invoice, at, dueAt, invoice.paymentStatus));
    return numbers;
  }

  /** Drafts of every tenant, by id after `afterId`, for the billing run. */
  abstract drafts(limit: number, afterId?: string): Promise<{ tenantId: string; invoiceId: string }[]>;
}
