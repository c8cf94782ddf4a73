/** The opaque totals cursor: base64url JSON of the listing it belongs to and the (value, tenant) of the last row seen. */
import { invalidField, isUuid } from '@tenantry/service';
import { DECIMAL_PATTERN } from '@tenantry/contracts';
import { TotalsKeyset } from './usage-summary.row';

/** Which listing a cursor pages through: a cursor of another metric or window is refused. */
export interface SummaryListing {
  metric: string;
  period: string;
  windowStart: Date;
}

export function encodeSummaryCursor(listing: SummaryListing, keyset: TotalsKeyset): string {
  return Buffer.from(JSON.stringify({ m: listing.metric, p: listing.period, w: listing.windowStart.toISOString(), v: keyset.value, t: keyset.tenantId }), 'utf8').toString('base64url');
}

/** Throws 400 `validation-failed` naming `cursor` when it is not one this listing handed out. */
export function decodeSummaryCursor(cursor: string, listing: SummaryListing): TotalsKeyset {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const { m, p, w, v, t } = (typeof decoded === 'object' && decoded !== null ? decoded : {}) as Record<string, unknown>;
  const sameListing = m === listing.metric && p === listing.period && w === listing.windowStart.toISOString();
  if (!sameListing || typeof v !== 'string' || !DECIMAL_PATTERN.test(v) || typeof t !== 'string' || !isUuid(t)) {
    throw invalidField('cursor', 'is not a cursor of this summary (metric, period and window)');
  }
  return { value: v, tenantId: t.toLowerCase() };
}
