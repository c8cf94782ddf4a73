import { TenantScope } from '@tenantry/persistence';
import { PeriodInvoice } from '../../../invoices/period-invoice.calculator';

/** Recompute drafts and finalize those whose grace window is over (the billing run passes a page of them; one is a page of one). */
export class SettleInvoiceCommand {
  constructor(
    readonly invoices: readonly (TenantScope & { invoiceId: string })[],
    readonly now: Date,
    /** Drafts computed a moment ago in the same transaction (the run that just created them), by invoice id: not computed again. */
    readonly computed: ReadonlyMap<string, PeriodInvoice> = new Map(),
  ) {}
}
