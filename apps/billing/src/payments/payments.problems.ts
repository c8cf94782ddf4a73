/** Problem types of payments. */
import { defineProblems } from '@tenantry/service';

export const PAYMENT_PROBLEMS = defineProblems({
  'payment-method-not-found': { status: 404, title: 'No such payment method' },
  'card-declined': { status: 402, title: 'The card was declined' },
  'invoice-not-payable': { status: 409, title: 'The invoice cannot be paid' },
  'no-payment-method': { status: 409, title: 'The tenant has no payment method' },
  'payment-in-progress': { status: 409, title: 'A payment of the invoice is in progress' },
  'callback-signature-invalid': { status: 401, title: 'The callback is not signed by the payment provider' },
  'callback-malformed': { status: 400, title: 'The callback is not an event billing understands' },
  'payment-provider-not-found': { status: 404, title: 'No such payment provider' },
  'idempotency-key-reused': { status: 422, title: 'The Idempotency-Key was used for another invoice' },
});
