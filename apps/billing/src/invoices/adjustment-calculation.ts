/**
 * Late usage of finalized periods, billed on a later invoice (recompute-and-diff, as Kill Bill does):
 * for each past period still inside the window, the usage lines are priced again on the period's
 * full quantity with the charges of that period's plan version, and each metric's adjustment is that
 * price minus what was already invoiced for it — the period's own usage line plus every adjustment
 * for the period on invoices finalized since. Pure: the caller gathers the lines.
 */
import { decimal, formatMoney, plainDecimal } from '../money/money';
import { InvoiceLine } from './invoice-calculation';

/** How many periods before an invoice's own one its adjustments reach back. */
export const ADJUSTABLE_PAST_PERIODS = 2;

export interface PastPeriod {
  /** YYYY-MM-DD, the period's first day. */
  periodStart: string;
  /** The period's lines priced again now (only `usage` lines are looked at). */
  repriced: readonly InvoiceLine[];
  /** Lines already billed for the period: its finalized invoice's lines and adjustment lines for it on later finalized invoices. */
  invoiced: readonly InvoiceLine[];
}

export function computeAdjustments(currency: string, periods: readonly PastPeriod[]): InvoiceLine[] {
  const adjustments: InvoiceLine[] = [];
  for (const period of [...periods].sort((a, b) => a.periodStart.localeCompare(b.periodStart))) {
    const billedFor = period.invoiced.filter((l) => l.kind === 'usage' || (l.kind === 'adjustment' && l.adjustsPeriod === period.periodStart));
    const metrics = new Set([...period.repriced.filter((l) => l.kind === 'usage').map((l) => l.metric), ...billedFor.map((l) => l.metric)]);
    for (const metric of [...metrics].filter((m): m is string => m !== null).sort()) {
      const now = period.repriced.filter((l) => l.kind === 'usage' && l.metric === metric);
      const before = billedFor.filter((l) => l.metric === metric);
      const sum = (lines: readonly InvoiceLine[], field: 'amount' | 'quantity') => lines.reduce((total, l) => total.plus(l[field]), decimal(0));
      const amount = sum(now, 'amount').minus(sum(before, 'amount'));
      const quantity = sum(now, 'quantity').minus(sum(before.filter((l) => l.kind === 'usage' || l.kind === 'adjustment'), 'quantity'));
      if (amount.isZero()) continue;
      adjustments.push({
        kind: 'adjustment',
        description: `${metric} late usage for ${period.periodStart.slice(0, 7)} (${quantity.isNegative() ? '' : '+'}${plainDecimal(quantity)})`,
        planId: now[0]?.planId ?? before[0]?.planId ?? null,
        metric,
        quantity: plainDecimal(quantity),
        amount: formatMoney(amount, currency),
        adjustsPeriod: period.periodStart,
      });
    }
  }
  return adjustments;
}
