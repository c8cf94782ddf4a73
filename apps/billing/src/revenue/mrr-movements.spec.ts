import { SubscriptionChange } from '../subscriptions/subscription.row';
import { formatCurrencyMonth, mrrAt, RevenueSubscription, revenueByMonth } from './mrr-movements';

// Monthly base prices of the default plans (version 1).
const PRICES: Record<string, string> = { free: '0', starter: '29', growth: '99', enterprise: '999' };
const price = (planId: string) => PRICES[planId] as string;

const change = (tenantId: string, kind: SubscriptionChange['kind'], at: string, to: string): SubscriptionChange => ({
  subscriptionId: `s-${tenantId}`, tenantId, kind, at: new Date(at), fromPlanId: null, fromPlanVersion: null, toPlanId: to, toPlanVersion: 1,
});
const sub = (tenantId: string, currency: string, changes: SubscriptionChange[], trialEndsAt: string | null = null): RevenueSubscription => ({
  tenantId, currency, trialEndsAt: trialEndsAt ? new Date(trialEndsAt) : null, changes,
});

// The scripted history (every date 2026 unless said otherwise):
// T1 starter from 10 Jan, upgraded to growth on 5 Mar.
// T2 growth since 15 Dec 2025, downgrade to starter effective 1 Mar, deactivated 15 Apr, reactivated 3 Jun.
// T3 starter on a trial from 20 Jan to 3 Feb (converts), downgrade to free effective 1 Jul.
// T4 free from 5 Jan, upgraded to starter on 10 Apr.
// T5 growth in EUR from 1 Feb.
// T6 enterprise from 20 Mar, deleted 25 Mar (in and out inside one month: no movement).
const HISTORY: RevenueSubscription[] = [
  sub('T1', 'USD', [change('T1', 'created', '2026-01-10T09:00:00Z', 'starter'), change('T1', 'upgrade', '2026-03-05T12:00:00Z', 'growth')]),
  sub('T2', 'USD', [
    change('T2', 'created', '2025-12-15T00:00:00Z', 'growth'),
    change('T2', 'downgrade', '2026-03-01T00:00:00Z', 'starter'),
    change('T2', 'canceled', '2026-04-15T08:00:00Z', 'starter'),
    change('T2', 'reactivated', '2026-06-03T10:00:00Z', 'starter'),
  ]),
  sub('T3', 'USD', [change('T3', 'created', '2026-01-20T00:00:00Z', 'starter'), change('T3', 'downgrade', '2026-07-01T00:00:00Z', 'free')], '2026-02-03T00:00:00Z'),
  sub('T4', 'USD', [change('T4', 'created', '2026-01-05T00:00:00Z', 'free'), change('T4', 'upgrade', '2026-04-10T00:00:00Z', 'starter')]),
  sub('T5', 'EUR', [change('T5', 'created', '2026-02-01T12:00:00Z', 'growth')]),
  sub('T6', 'USD', [change('T6', 'created', '2026-03-20T00:00:00Z', 'enterprise'), change('T6', 'canceled', '2026-03-25T00:00:00Z', 'enterprise')]),
];

// Computed by hand from the history above.
// month    cur  start   new  exp  contr churn react  end
const EXPECTED: [string, string, number, number, number, number, number, number, number][] = [
  ['2026-01', 'USD', 99, 29, 0, 0, 0, 0, 128], //   T1 new 29 (T3 trialing, T4 free: 0)
  ['2026-02', 'EUR', 0, 99, 0, 0, 0, 0, 99], //     T5 new 99
  ['2026-02', 'USD', 128, 29, 0, 70, 0, 0, 87], //  T3 trial converts: new 29; T2 99 → 29 on 1 Mar: contraction 70
  ['2026-03', 'EUR', 99, 0, 0, 0, 0, 0, 99],
  ['2026-03', 'USD', 87, 0, 70, 0, 0, 0, 157], //   T1 29 → 99: expansion 70; T6 in and out: nothing
  ['2026-04', 'EUR', 99, 0, 0, 0, 0, 0, 99],
  ['2026-04', 'USD', 157, 29, 0, 0, 29, 0, 157], // T4 free → starter: new 29; T2 deactivated: churn 29
  ['2026-05', 'EUR', 99, 0, 0, 0, 0, 0, 99],
  ['2026-05', 'USD', 157, 0, 0, 0, 0, 0, 157],
  ['2026-06', 'EUR', 99, 0, 0, 0, 0, 0, 99],
  ['2026-06', 'USD', 157, 0, 0, 0, 29, 29, 157], // T2 back: reactivation 29; T3 to free on 1 Jul: churn 29
];

describe('MRR movements', () => {
  const months = revenueByMonth(HISTORY, new Date('2026-01-01T00:00:00Z'), new Date('2026-06-01T00:00:00Z'), price);
  const rows = months.flatMap((m) => m.currencies.map((c) => ({ month: m.month, ...formatCurrencyMonth(c) })));

  it('matches the hand-computed table month by month, per currency', () => {
    const actual = rows.map((r) => [r.month, r.currency, r.startMrr, r.new, r.expansion, r.contraction, r.churn, r.reactivation, r.endMrr]);
    const expected = EXPECTED.map(([month, currency, ...amounts]) => [month, currency, ...amounts.map((a) => a.toFixed(2))]);
    expect(actual).toEqual(expected);
  });

  it('holds end = start + new + expansion + reactivation − contraction − churn, and start = the previous end', () => {
    for (const r of rows) {
      expect(Number(r.startMrr) + Number(r.new) + Number(r.expansion) + Number(r.reactivation) - Number(r.contraction) - Number(r.churn)).toBeCloseTo(Number(r.endMrr), 6);
      expect(r.endArr).toBe((Number(r.endMrr) * 12).toFixed(2));
    }
    for (const currency of ['USD', 'EUR']) {
      const series = rows.filter((r) => r.currency === currency);
      for (let i = 1; i < series.length; i += 1) expect(series[i]?.startMrr).toBe(series[i - 1]?.endMrr);
    }
  });

  it('counts trials, free plans, canceled subscriptions and not-yet-started ones as 0', () => {
    const [, t2, t3, t4] = HISTORY as [RevenueSubscription, RevenueSubscription, RevenueSubscription, RevenueSubscription];
    expect(mrrAt(t3, new Date('2026-02-02T23:59:59Z'), price).toNumber()).toBe(0);
    expect(mrrAt(t3, new Date('2026-02-03T00:00:00Z'), price).toNumber()).toBe(29);
    expect(mrrAt(t4, new Date('2026-03-01T00:00:00Z'), price).toNumber()).toBe(0);
    expect(mrrAt(t2, new Date('2026-05-01T00:00:00Z'), price).toNumber()).toBe(0);
    expect(mrrAt(t2, new Date('2025-12-14T00:00:00Z'), price).toNumber()).toBe(0);
    // A downgrade scheduled before the cancel and effective after it does not bring the MRR back.
    const t7 = sub('T7', 'USD', [change('T7', 'created', '2026-01-01T10:00:00Z', 'growth'), change('T7', 'canceled', '2026-02-20T00:00:00Z', 'growth'), change('T7', 'downgrade', '2026-03-01T00:00:00Z', 'starter')]);
    expect(mrrAt(t7, new Date('2026-03-15T00:00:00Z'), price).toNumber()).toBe(0);
    const [feb] = revenueByMonth([t7], new Date('2026-02-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'), price).flatMap((m) => m.currencies);
    expect(feb && formatCurrencyMonth(feb)).toMatchObject({ startMrr: '99.00', churn: '99.00', contraction: '0.00', endMrr: '0.00' });
  });

  it('rounds a price to the minor unit of the currency before summing', () => {
    const jpy = sub('J', 'JPY', [change('J', 'created', '2026-01-02T00:00:00Z', 'odd')]);
    const [month] = revenueByMonth([jpy], new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'), () => '1200.5').flatMap((m) => m.currencies);
    expect(month && formatCurrencyMonth(month)).toMatchObject({ currency: 'JPY', new: '1200', endMrr: '1200', endArr: '14400' });
  });
});
