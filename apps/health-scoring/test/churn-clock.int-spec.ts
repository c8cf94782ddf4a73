// The clock-driven churn reason: a tenant red for 7 days is raised by the periodic recomputation
// (no event needed), once, not at 6 days, re-armed when it recovers and raised again after
// another 7 red days. Real broker and database, health scoring in-process with a ManualClock and a
// fast HEALTH_RECOMPUTE_INTERVAL_MS.
import { randomUUID } from 'node:crypto';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { eventMessage, produce, readTopic, ReceivedMessage, sleep, testKafka } from '@tenantry/testing';
import { RunningHealth, startHealthScoring } from './health-client';

jest.setTimeout(120_000);

const kafka = testKafka();
const START = new Date('2026-08-01T00:00:00.000Z');
const DAY = 86_400_000;
const RED = randomUUID();
const SUBSCRIPTION = randomUUID();

const created: EventPayload<'TenantCreated'> = {
  tenantId: RED,
  slug: `r-${RED.slice(0, 8)}`,
  name: 'Red tenant',
  domain: { type: 'subdomain', value: `r-${RED.slice(0, 8)}`, ssl: true },
  plan: { id: 'starter', trial: false },
  adminEmail: 'ops@example.com',
  configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
  resources: { storage: 1, bandwidth: 1, users: 1 },
  createdAt: START.toISOString(),
};
const subscription = (status: 'active' | 'canceled', at: Date): EventPayload<'SubscriptionChanged'> => ({ tenantId: RED, subscriptionId: SUBSCRIPTION, planId: 'starter', status, at: at.toISOString() });

const churnOf = (all: ReceivedMessage[]) => all.filter((m) => m.headers['ce_type'] === 'ChurnRiskDetected' && m.key === RED).map((m) => JSON.parse(m.value ?? '{}') as { reasons: string[]; risk: string });

describe('health scoring: red for 7 days (int)', () => {
  let health: RunningHealth;

  beforeAll(async () => {
    health = await startHealthScoring(START, { HEALTH_RECOMPUTE_INTERVAL_MS: '200' });
  });

  afterAll(async () => {
    await health?.stop();
  });

  /** Moves the clock and waits until the periodic job has recomputed the tenant as of the new time. */
  async function advanceTo(at: Date): Promise<void> {
    health.clock.set(at);
    await health.api.awaitHealth(RED, (h) => h.computedAt === at.toISOString(), `a recomputation at ${at.toISOString()}`);
  }

  it('raises red-7-days once after 7 red days, re-arms on recovery and raises it again', async () => {
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', created)]);
    // A canceled subscription: revenue 0, compliance 100 → (25×0 + 15×100) / 40 = 37.5 → 38, red.
    await produce(kafka, TOPICS.BILLING.name, [eventMessage('SubscriptionChanged', subscription('canceled', START))]);
    expect(await health.api.awaitHealth(RED, (h) => h.components.revenue !== undefined)).toMatchObject({ overall: 38, band: 'red', churnRisk: [] });

    await advanceTo(new Date(START.getTime() + 6 * DAY));
    expect((await health.api.health(RED)).body.churnRisk).toEqual([]);

    await advanceTo(new Date(START.getTime() + 7 * DAY));
    expect((await health.api.health(RED)).body.churnRisk).toEqual([{ reason: 'red-7-days', detail: 'Red since 2026-08-01 (7 days)', since: '2026-08-08T00:00:00.000Z' }]);
    await advanceTo(new Date(START.getTime() + 9 * DAY));
    await sleep(500);
    expect(churnOf(await readTopic(kafka, TOPICS.HEALTH.name, (all) => churnOf(all).length > 0, { settleMs: 1_000 }))).toEqual([{ tenantId: RED, risk: 'medium', reasons: ['red-7-days'], details: ['Red since 2026-08-01 (7 days)'], at: '2026-08-08T00:00:00.000Z' }]);

    // Recovered: the subscription is active again → green, the episode closes.
    await produce(kafka, TOPICS.BILLING.name, [eventMessage('SubscriptionChanged', subscription('active', new Date(START.getTime() + 9 * DAY + 1)))]);
    expect(await health.api.awaitHealth(RED, (h) => h.band === 'green', 'the recovery')).toMatchObject({ overall: 100, churnRisk: [] });

    // Red again from day 10: a drop of 62 points from the peak of the last 30 days is raised at once; red-7-days again at day 17.
    health.clock.set(new Date(START.getTime() + 10 * DAY));
    await produce(kafka, TOPICS.BILLING.name, [eventMessage('SubscriptionChanged', subscription('canceled', new Date(START.getTime() + 10 * DAY)))]);
    expect(await health.api.awaitHealth(RED, (h) => h.band === 'red', 'red again')).toMatchObject({
      overall: 38,
      churnRisk: [{ reason: 'score-drop', detail: 'Health score fell 62 points within 30 days (from 100 to 38)', since: '2026-08-11T00:00:00.000Z' }],
    });
    await advanceTo(new Date(START.getTime() + 16 * DAY));
    expect((await health.api.health(RED)).body.churnRisk.map((c) => c.reason)).toEqual(['score-drop']);
    await advanceTo(new Date(START.getTime() + 17 * DAY));
    const raised = churnOf(await readTopic(kafka, TOPICS.HEALTH.name, (all) => churnOf(all).length >= 3, { settleMs: 1_000 }));
    expect(raised.map((p) => p.reasons)).toEqual([['red-7-days'], ['score-drop'], ['red-7-days']]);
    expect(raised[2]).toMatchObject({ risk: 'high', details: ['Red since 2026-08-11 (7 days)'] });
  });
});
