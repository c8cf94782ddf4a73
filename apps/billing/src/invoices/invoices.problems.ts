/** Problem types of invoices. */
import { defineProblems } from '@tenantry/service';

export const INVOICE_PROBLEMS = defineProblems({
  'invoice-not-found': { status: 404, title: 'No such invoice' },
  'invoice-not-finalized': { status: 409, title: 'The invoice is not finalized yet' },
});

export function invoiceNotFound(invoiceId: string) {
  return INVOICE_PROBLEMS['invoice-not-found'](`There is no invoice ${invoiceId}`, { invoiceId });
}

export function invoiceNotFinalized(invoiceId: string) {
  return INVOICE_PROBLEMS['invoice-not-finalized'](`Invoice ${invoiceId} is still a draft: it has no number and its amounts can change until it is finalized`, { invoiceId });
}
