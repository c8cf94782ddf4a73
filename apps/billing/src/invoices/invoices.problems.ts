/** Problem types of invoices. */
import { defineProblems } from '@tenantry/service';

export const INVOICE_PROBLEMS = defineProblems({
  'invoice-not-found': { status: 404, title: 'No such invoice' },
});

export function invoiceNotFound(invoiceId: string) {
  return INVOICE_PROBLEMS['invoice-not-found'](`There is no invoice ${invoiceId}`, { invoiceId });
}
