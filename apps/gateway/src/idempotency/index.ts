// The idempotency feature's public surface.
export { IdempotencyModule } from './idempotency.module';
export { IdempotencyService } from './idempotency.service';
export type { IdempotentOutcome } from './idempotency.service';
export type { StoredResponse } from './idempotency-record.row';
export { IDEMPOTENCY_KEY, idempotencyKeyOf, requestFingerprint } from './request-fingerprint';
