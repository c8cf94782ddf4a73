/**
 * The one exponential backoff of the repo: the consumer's handler retries and outage waits, its
 * restarts, the outbox relay and the provisioning saga's step retries all grow their delays here.
 */
export interface BackoffPolicy {
  /** The delay before the first retry. */
  baseMs: number;
  /** The ceiling the delay grows to (default: none). */
  maxMs?: number;
}

/** Bounds the exponent so a long outage cannot overflow to Infinity or NaN. */
const MAX_DOUBLINGS = 30;

/** `baseMs` for the first attempt, doubling with each further attempt, capped at `maxMs`. */
export function backoffMs(attempt: number, policy: BackoffPolicy): number {
  const doublings = Math.min(Math.max(0, attempt - 1), MAX_DOUBLINGS);
  return Math.min(policy.maxMs ?? Number.POSITIVE_INFINITY, policy.baseMs * 2 ** doublings);
}
