/** Invoices and their lines; tenant-scoped reads and writes name the tenant. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { InvoiceStatus, PaymentStatus } from '@tenantry/billing-api';
import { InvoiceAmounts } from './invoice-calculation';
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
  /** Drafts of every tenant, by id after `afterId`, for the billing run. */
  abstract drafts(limit: number, afterId?: string): Promise<{ tenantId: string; invoiceId: string }[]>;
}
