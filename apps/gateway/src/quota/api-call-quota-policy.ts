/**
 * When a tenant's API calls are blocked and when the block lifts. Pure, so the rules read (and are
 * tested) in one place: the consumer and the interceptor only store and look up.
 */
import { ResourceLimit } from '@tenantry/contracts';
import { ApiCallBlock, KnownApiCallLimit } from './api-call-block.row';

export const API_CALLS_METRIC = 'api_calls';

/** Start of the UTC calendar month after the one containing `periodStart`. */
export function nextMonthStart(periodStart: Date): Date {
  return new Date(Date.UTC(periodStart.getUTCFullYear(), periodStart.getUTCMonth() + 1, 1));
}

/** Compares two non-negative decimal strings exactly (no float rounding for big counts). */
export function compareDecimals(a: string, b: string): number {
  const [aInt = '0', aFrac = ''] = a.split('.');
  const [bInt = '0', bFrac = ''] = b.split('.');
  const ai = aInt.replace(/^0+(?=\d)/, '');
  const bi = bInt.replace(/^0+(?=\d)/, '');
  if (ai.length !== bi.length) return ai.length < bi.length ? -1 : 1;
  const width = Math.max(aFrac.length, bFrac.length);
  const left = ai + aFrac.padEnd(width, '0');
  const right = bi + bFrac.padEnd(width, '0');
  return left === right ? 0 : left < right ? -1 : 1;
}

export interface LimitExceeded {
  tenantId: string;
  metric: string;
  mode: 'soft' | 'hard';
  limit: string;
  periodStart: Date;
}

/**
 * The block a UsageLimitExceeded imposes, if any: only a hard api_calls limit, only while its period
 * lasts, and not when the limits the gateway already knows make the alert stale (the limit was
 * removed, made soft or raised above the exceeded value after metering raised it).
 */
export function blockFor(alert: LimitExceeded, known: KnownApiCallLimit | null, now: Date): ApiCallBlock | null {
  if (alert.metric !== API_CALLS_METRIC || alert.mode !== 'hard') return null;
  const resetAt = nextMonthStart(alert.periodStart);
  if (resetAt.getTime() <= now.getTime()) return null;
  if (known && (known.limit === null || known.mode !== 'hard' || compareDecimals(known.limit, alert.limit) > 0)) return null;
  return { tenantId: alert.tenantId, limit: alert.limit, periodStart: alert.periodStart, resetAt };
}

/** The api_calls limit of an announced set, in the gateway's terms. */
export function apiCallLimitOf(tenantId: string, version: number, limits: readonly ResourceLimit[]): KnownApiCallLimit {
  const limit = limits.find((entry) => entry.metric === API_CALLS_METRIC);
  return { tenantId, version, limit: limit?.limit ?? null, mode: limit?.mode ?? null };
}

/** Whether new limits end a block: the API-call limit is gone, soft, or above the one exceeded. */
export function liftsBlock(known: KnownApiCallLimit, block: ApiCallBlock): boolean {
  return known.limit === null || known.mode !== 'hard' || compareDecimals(known.limit, block.limit) > 0;
}

/** Whole seconds until the reset, at least 1 (a Retry-After of 0 invites a busy loop). */
export function retryAfterSeconds(block: ApiCallBlock, now: Date): number {
  return Math.max(1, Math.ceil((block.resetAt.getTime() - now.getTime()) / 1000));
}
