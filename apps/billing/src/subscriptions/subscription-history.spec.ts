import { planAt, upgradesBetween } from './subscription-history';
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
});
