import { canceledAt, canceledDaysOf, planAt, upgradesBetween } from './subscription-history';
import { SubscriptionChange } from './subscription.row';

const change = (kind: SubscriptionChange['kind'], at: string, to: string): SubscriptionChange => ({
  subscriptionId: 's', tenantId: 't', kind, at: new Date(at), fromPlanId: null, fromPlanVersion: null, toPlanId: to, toPlanVersion: 1,
});
const HISTORY = [change('created', '2026-04-14T10:00:00Z', 'starter'), change('upgrade', '2026-04-21T00:00:00Z', 'growth'), change('downgrade', '2026-06-01T00:00:00Z', 'starter')];

describe('subscription history', () => {
  it('knows the plan in effect at any moment, a scheduled downgrade from its start', () => {
    expect(planAt(HISTORY, new Date('2026-04-01T00:00:00Z'))?.planId).toBe('starter');
    expect(planAt(HISTORY, new Date('2026-04-21T00:00:00Z'))?.planId).toBe('growth');
    expect(planAt(HISTORY, new Date('2026-05-31T23:59:59Z'))?.planId).toBe('growth');
    expect(planAt(HISTORY, new Date('2026-06-01T00:00:00Z'))?.planId).toBe('starter');
  });

  it('lists the upgrades strictly inside a window', () => {
    expect(upgradesBetween(HISTORY, new Date('2026-04-14T10:00:00Z'), new Date('2026-05-01T00:00:00Z')).map((c) => c.toPlanId)).toEqual(['growth']);
    expect(upgradesBetween(HISTORY, new Date('2026-04-21T00:00:00Z'), new Date('2026-05-01T00:00:00Z'))).toEqual([]);
  });

  it('knows when a subscription is canceled: from a cancel until a reactivation, whatever changes in between', () => {
    const history = [change('created', '2026-04-01T00:00:00Z', 'growth'), change('canceled', '2026-04-10T00:00:00Z', 'growth'), change('downgrade', '2026-05-01T00:00:00Z', 'starter'), change('reactivated', '2026-05-20T00:00:00Z', 'starter')];
    expect(canceledAt(history, new Date('2026-04-09T23:59:59Z'))).toBe(false);
    expect(canceledAt(history, new Date('2026-04-10T00:00:00Z'))).toBe(true);
    expect(canceledAt(history, new Date('2026-05-02T00:00:00Z'))).toBe(true);
    expect(canceledAt(history, new Date('2026-05-20T00:00:00Z'))).toBe(false);
  });

  it("lists the days of a period the subscription is canceled, judged at each day's end: a cancel day is not billed, a reactivation day is", () => {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const history = [change('created', '2026-04-01T00:00:00Z', 'starter'), change('canceled', '2026-04-10T15:00:00Z', 'starter'), change('reactivated', '2026-04-20T09:00:00Z', 'starter'), change('canceled', '2026-04-28T00:00:00Z', 'starter'), change('reactivated', '2026-04-28T18:00:00Z', 'starter')];
    expect(canceledDaysOf(history, new Date('2026-04-01T00:00:00Z')).map(day)).toEqual(['2026-04-10', '2026-04-11', '2026-04-12', '2026-04-13', '2026-04-14', '2026-04-15', '2026-04-16', '2026-04-17', '2026-04-18', '2026-04-19']);
    expect(canceledDaysOf(history, new Date('2026-05-01T00:00:00Z'))).toEqual([]);
    expect(canceledDaysOf(HISTORY, new Date('2026-04-01T00:00:00Z'))).toEqual([]);
    const deleted = [change('created', '2026-04-01T00:00:00Z', 'starter'), change('canceled', '2026-04-30T12:00:00Z', 'starter')];
    expect(canceledDaysOf(deleted, new Date('2026-05-01T00:00:00Z'))).toHaveLength(31);
  });
});
