/**
 * MRR and its monthly movements, derived from subscription history (pure; see the README's
 * "Revenue" section for the rules). A subscription's MRR at an instant is its plan's base price
 * (already a whole month's price), rounded to the currency's minor unit; it is 0 before the
 * subscription starts, during a trial, on a free plan and while canceled. Usage is never MRR.
 *
 * A month's movements compare each subscription's MRR at the month's start (00:00 UTC on the 1st)
 * with its MRR at the month's end (00:00 UTC on the next 1st; a downgrade scheduled for that moment
 * counts in the month it ends), so the identity
 * end = start + new + expansion + reactivation − contraction − churn holds exactly, per currency.
 */
import { Decimal, decimal, formatMoney, roundMoney } from '../money/money';
import { periodEndOf } from '../subscriptions/billing-period';
import { canceledAt } from '../subscriptions/subscription-history';
import { SubscriptionChange } from '../subscriptions/subscription.row';

export interface RevenueSubscription {
  tenantId: string;
  currency: string;
  trialEndsAt: Date | null;
  /** Oldest first. */
  changes: readonly SubscriptionChange[];
}

/** The monthly base price of a plan version, a decimal string. */
export type MonthlyPrice = (planId: string, version: number) => string;

export const MOVEMENTS = ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const;
export type Movement = (typeof MOVEMENTS)[number];

export interface CurrencyMonth {
  currency: string;
  startMrr: Decimal;
  endMrr: Decimal;
  movements: Record<Movement, Decimal>;
  /** Subscriptions with MRR > 0 at the month's end. */
  payingAtEnd: number;
}

export interface RevenueMonth {
  /** `YYYY-MM`. */
  month: string;
  currencies: CurrencyMonth[];
}

/** The subscription's MRR at `at` (changes effective at `at` included). */
export function mrrAt(subscription: RevenueSubscription, at: Date, price: MonthlyPrice): Decimal {
  let last: SubscriptionChange | undefined;
  for (const change of subscription.changes) if (change.at <= at) last = change;
  if (!last || canceledAt(subscription.changes, at)) return decimal(0);
  if (subscription.trialEndsAt && at < subscription.trialEndsAt) return decimal(0);
  return roundMoney(price(last.toPlanId, last.toPlanVersion), subscription.currency);
}

/** Whether the subscription paid (MRR > 0) at any moment before `before`. */
export function paidBefore(subscription: RevenueSubscription, before: Date, price: MonthlyPrice): boolean {
  const moments = subscription.changes.map((c) => c.at);
  if (subscription.trialEndsAt) moments.push(subscription.trialEndsAt);
  return moments.some((at) => at < before && mrrAt(subscription, at, price).greaterThan(0));
}

/** One subscription's movement over [start, end): which kind and how much (positive), or none. */
export function movementOf(subscription: RevenueSubscription, start: Date, end: Date, price: MonthlyPrice): { kind: Movement; amount: Decimal } | undefined {
  const from = mrrAt(subscription, start, price);
  const to = mrrAt(subscription, end, price);
  if (from.isZero() && to.isZero()) return undefined;
  if (from.isZero()) return { kind: paidBefore(subscription, start, price) ? 'reactivation' : 'new', amount: to };
  if (to.isZero()) return { kind: 'churn', amount: from };
  if (to.greaterThan(from)) return { kind: 'expansion', amount: to.minus(from) };
  if (to.lessThan(from)) return { kind: 'contraction', amount: from.minus(to) };
  return undefined;
}

/** Months `from`..`to` inclusive (each a UTC month start). */
export function revenueByMonth(subscriptions: readonly RevenueSubscription[], from: Date, to: Date, price: MonthlyPrice): RevenueMonth[] {
  const months: RevenueMonth[] = [];
  for (let start = from; start <= to; start = periodEndOf(start)) {
    const end = periodEndOf(start);
    const byCurrency = new Map<string, CurrencyMonth>();
    for (const subscription of subscriptions) {
      const first = subscription.changes[0];
      if (!first || first.at >= end) continue;
      let row = byCurrency.get(subscription.currency);
      if (!row) {
        row = { currency: subscription.currency, startMrr: decimal(0), endMrr: decimal(0), movements: { new: decimal(0), expansion: decimal(0), contraction: decimal(0), churn: decimal(0), reactivation: decimal(0) }, payingAtEnd: 0 };
        byCurrency.set(subscription.currency, row);
      }
      row.startMrr = row.startMrr.plus(mrrAt(subscription, start, price));
      const endMrr = mrrAt(subscription, end, price);
      row.endMrr = row.endMrr.plus(endMrr);
      if (endMrr.greaterThan(0)) row.payingAtEnd += 1;
      const movement = movementOf(subscription, start, end, price);
      if (movement) row.movements[movement.kind] = row.movements[movement.kind].plus(movement.amount);
    }
    months.push({ month: start.toISOString().slice(0, 7), currencies: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)) });
  }
  return months;
}

/** A month's figures as decimal strings fixed to the currency's minor unit, ARR = 12 × MRR. */
export function formatCurrencyMonth(row: CurrencyMonth) {
  const money = (amount: Decimal) => formatMoney(amount, row.currency);
  return {
    currency: row.currency,
    startMrr: money(row.startMrr),
    endMrr: money(row.endMrr),
    startArr: money(row.startMrr.times(12)),
    endArr: money(row.endMrr.times(12)),
    new: money(row.movements.new),
    expansion: money(row.movements.expansion),
    contraction: money(row.movements.contraction),
    churn: money(row.movements.churn),
    reactivation: money(row.movements.reactivation),
    payingAtEnd: row.payingAtEnd,
  };
}
