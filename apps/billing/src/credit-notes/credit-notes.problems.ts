/** Problem types of invoice corrections (voiding, credit notes). */
import { defineProblems } from '@tenantry/service';

export const CREDIT_NOTE_PROBLEMS = defineProblems({
  'invoice-not-voidable': { status: 409, title: 'The invoice cannot be voided' },
  'invoice-not-creditable': { status: 409, title: 'No credit note can be issued against the invoice' },
  'credit-exceeds-remaining': { status: 409, title: 'The amount is more than the invoice has left to credit' },
  'refund-not-possible': { status: 409, title: 'The invoice has no payment to refund' },
  'idempotency-key-reused': { status: 422, title: 'The Idempotency-Key was used for another request' },
});
