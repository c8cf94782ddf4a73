/**
 * When a failed delivery is tried again (Standard Webhooks / Svix): the first attempt at once, then
 * after each failure 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h — eight attempts in all — each delay
 * plus up to 10 % random jitter, so endpoints that failed together are not retried in one burst.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The delay after the n-th failed attempt (index n-1); past the end there is no further attempt. */
export const RETRY_DELAYS_MS: readonly number[] = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const JITTER = 0.1;

/** When the attempt after `failedAttempts` failures is due, or undefined when the delivery has failed for good. */
export function nextAttemptAt(failedAttempts: number, failedAt: Date, random: () => number = Math.random): Date | undefined {
  const delay = RETRY_DELAYS_MS[failedAttempts - 1];
  if (delay === undefined) return undefined;
  return new Date(failedAt.getTime() + delay + Math.floor(delay * JITTER * random()));
}
