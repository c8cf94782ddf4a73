/** Billing's internal API bodies, one set validated by both the gateway and billing. */
export * from './plan.dto';
export * from './subscription.dto';
export * from './invoice.dto';
export * from './payment.dto';
export * from './dunning.dto';
export * from './credit-note.dto';
export * from './revenue.dto';
