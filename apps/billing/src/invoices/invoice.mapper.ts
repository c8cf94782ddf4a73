/** Invoices as the API answers them. */
import { InvoiceListDto, InvoiceViewDto } from '@tenantry/billing-api';
import { Invoice } from './invoice.row';

export function toInvoiceView(i: Invoice): InvoiceViewDto {
  return {
    id: i.id,
    tenantId: i.tenantId,
    subscriptionId: i.subscriptionId,
    number: i.number,
    status: i.status,
    paymentStatus: i.paymentStatus,
    periodStart: i.periodStart.toISOString(),
    periodEnd: i.periodEnd.toISOString(),
    currency: i.currency,
    lines: i.lines.map((l) => ({ kind: l.kind, description: l.description, planId: l.planId, metric: l.metric, quantity: l.quantity, amount: l.amount, ...(l.adjustsPeriod === undefined ? {} : { adjustsPeriod: l.adjustsPeriod }) })),
    subtotal: i.subtotal,
    taxRate: i.taxRate,
    tax: i.tax,
    total: i.total,
    graceEndsAt: i.graceEndsAt.toISOString(),
    finalizedAt: i.finalizedAt?.toISOString() ?? null,
    dueAt: i.dueAt?.toISOString() ?? null,
    voidedAt: i.voidedAt?.toISOString() ?? null,
    creditNotes: i.creditNotes ?? [],
  };
}

export function toInvoiceList(invoices: Invoice[]): InvoiceListDto {
  return { invoices: invoices.map(toInvoiceView) };
}
