// Health scoring against the real broker and database, in-process with a ManualClock: a scripted
// history of lifecycle, usage, alert and billing events for a handful of tenants gives the scores,
// components and explanations of the hand-computed table below (one tenant without feedback, one
// with nothing but its creation); churn risk fires once for a usage decline, once per episode for a
// 15-point drop and again after the tenant recovered, never for a steady tenant; the same events
// delivered again change nothing, and a fresh instance replaying every topic from the start
// computes the same scores.
import { randomUUID } from 'node:crypto';
import { Message } from 'kafkajs';
import { EventName, EventPayload, TOPICS } from '@tenantry/contracts';
import { caughtUp, eventMessage, produce, readTopic, ReceivedMessage, testKafka, waitFor } from '@tenantry/testing';
import { Problem, RunningHealth, startHealthScoring } from './health-client';

jest.setTimeout(180_000);

const kafka = testKafka();
const NOW = new Date('2026-06-30T12:00:00.000Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

function tenantCreated(tenantId: string): EventPayload<'TenantCreated'> {
  return {
    tenantId,
    slug: `t-${tenantId.slice(0, 8)}`,
    name: `Tenant ${tenantId.slice(0, 8)}`,
    domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: 'starter', trial: false },
    adminEmail: 'ops@example.com',
    configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
    resources: { storage: 10, bandwidth: 100, users: 25 },
    createdAt: ago(90),
  };
}

let seq = 0;
const apiCalls = (tenantId: string, quantity: number, daysAgo: number): EventPayload<'UsageRecorded'> => ({
  tenantId,
  eventId: `hs-${++seq}`,
  metric: 'api_calls',
  quantity: String(quantity),
  timestamp: ago(daysAgo),
  source: 'api',
});
const activeUser = (tenantId: string, userId: string, daysAgo: number): EventPayload<'UsageRecorded'> => ({
  tenantId,
  eventId: `hs-${++seq}`,
  metric: 'active_users',
  quantity: '1',
  timestamp: ago(daysAgo),
  source: 'collector',
  properties: { userId },
});
const invoice = (tenantId: string, invoiceId: string, dueDaysAgo: number): EventPayload<'InvoiceIssued'> => ({
  tenantId,
  invoiceId,
  amountMinor: 2900,
  currency: 'USD',
  periodStart: ago(dueDaysAgo + 44),
  periodEnd: ago(dueDaysAgo + 14),
  dueAt: ago(dueDaysAgo),
});
const money = (tenantId: string, invoiceId: string) => ({ tenantId, invoiceId, amountMinor: 2900, currency: 'USD' });

const m = <N extends EventName>(type: N, payload: EventPayload<N>): Message => eventMessage(type, payload);

const [THRIVING, SLIPPING, NEW, DROPPING] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()] as [string, string, string, string];

/** The scripted history of THRIVING, SLIPPING and NEW, by topic. */
const HISTORY: Record<string, Message[]> = {
  [TOPICS.TENANT_LIFECYCLE.name]: [
    m('TenantCreated', tenantCreated(THRIVING)),
    m('TenantCreated', tenantCreated(SLIPPING)),
    m('TenantCreated', tenantCreated(NEW)),
    // Delivered before the activation it follows: the dashboard orders by the events' own times.
    m('TenantLimitsChanged', { tenantId: SLIPPING, limits: [{ metric: 'api_calls', limit: '1000', mode: 'soft' }], version: 2, at: ago(20) }),
    m('TenantActivated', { tenantId: SLIPPING, from: 'provisioning', to: 'active', actor: 'provisioning', at: ago(89) }),
  ],
  [TOPICS.METERING_USAGE.name]: [
    // THRIVING: 1000 calls the 30 days before, 1200 (600 + 600) in the last 30; users u1, u2 before, u1, u2, u3 now.
    m('UsageRecorded', apiCalls(THRIVING, 1000, 45)),
    m('UsageRecorded', apiCalls(THRIVING, 600, 20)),
    m('UsageRecorded', apiCalls(THRIVING, 600, 2)),
    ...['u1', 'u2'].map((user) => m('UsageRecorded', activeUser(THRIVING, user, 40))),
    ...['u1', 'u2', 'u3'].map((user) => m('UsageRecorded', activeUser(THRIVING, user, 3))),
    // SLIPPING: 1000 calls before, 580 now.
    m('UsageRecorded', apiCalls(SLIPPING, 1000, 50)),
    m('UsageRecorded', apiCalls(SLIPPING, 580, 4)),
  ],
  [TOPICS.METERING_ALERTS.name]: [
    m('UsageThresholdReached', { tenantId: SLIPPING, metric: 'api_calls', periodStart: ago(29), thresholdPercent: 80, usage: '800', limit: '1000', at: ago(3) }),
    m('UsageLimitExceeded', { tenantId: SLIPPING, metric: 'storage_bytes', periodStart: ago(29), usage: '11', limit: '10', mode: 'hard', at: ago(2) }),
    m('TenantPerformanceDegraded', { tenantId: SLIPPING, windowStart: ago(2), p95Ms: 900, errorRate: 0.05, requests: 400, at: ago(2) }),
    m('TenantPerformanceDegraded', { tenantId: SLIPPING, windowStart: ago(1), p95Ms: 1500, errorRate: 0.12, requests: 300, at: ago(1) }),
    // 8 days ago: outside the 7-day performance window.
    m('TenantPerformanceDegraded', { tenantId: SLIPPING, windowStart: ago(8), p95Ms: 3000, errorRate: 0.5, requests: 100, at: ago(8) }),
  ],
  [TOPICS.BILLING.name]: [
    m('InvoiceIssued', invoice(THRIVING, '00000000-0000-4000-8000-0000000000a1', 10)),
    m('InvoicePaid', { ...money(THRIVING, '00000000-0000-4000-8000-0000000000a1'), paidAt: ago(12) }),
    m('InvoiceIssued', invoice(SLIPPING, '00000000-0000-4000-8000-0000000000b1', 10)),
    m('InvoiceFailed', { ...money(SLIPPING, '00000000-0000-4000-8000-0000000000b1'), attempt: 1, reason: 'card_declined' }),
  ],
};

/**
 * The hand-computed table (weights activity 30, revenue 25, compliance 15, performance 15, satisfaction 15):
 *
 * THRIVING  activity 100 (calls +20 %, users +50 %), revenue 100, compliance 100, performance 100,
 *           satisfaction 90 (one feedback of 9): (3000 + 2500 + 1500 + 1500 + 1350) / 100 = 98.5 → 99 green
 * SLIPPING  activity 58 (1000 → 580: down 42 %), revenue 100 − 40 (overdue) − 15 (failed) = 45,
 *           compliance 100 − 5 (warning) − 30 (hard limit) = 65, performance 100 − 2×10 = 80,
 *           satisfaction no data: (30×58 + 25×45 + 15×65 + 15×80) / 85 = 5040 / 85 = 59.3 → 59 yellow
 * NEW       compliance 100 only (known tenant, no alerts); the four others without data → 100 green
 */
const TABLE = {
  [THRIVING]: {
    overall: 99,
    band: 'green',
    withoutData: [],
    components: {
      activity: [100, 'API calls up 20 % against the previous 30 days; Active users up 50 % against the previous 30 days'],
      revenue: [100, 'All invoices paid, none overdue'],
      compliance: [100, 'No limit alerts in the last 30 days'],
      performance: [100, 'No degraded performance windows in the last 7 days'],
      satisfaction: [90, 'Average feedback 9/10 from 1 response in the last 90 days'],
    },
  },
  [SLIPPING]: {
    overall: 59,
    band: 'yellow',
    withoutData: ['satisfaction'],
    components: {
      activity: [58, 'API calls down 42 % against the previous 30 days'],
      revenue: [45, '1 invoice overdue, 1 failed payment on unpaid invoices'],
      compliance: [65, '1 limit warning, 1 hard limit hit in the last 30 days'],
      performance: [80, '2 degraded performance windows in the last 7 days (worst p95 1500 ms, 12 % errors)'],
    },
  },
  [NEW]: {
    overall: 100,
    band: 'green',
    withoutData: ['activity', 'revenue', 'performance', 'satisfaction'],
    components: { compliance: [100, 'No limit alerts in the last 30 days'] },
  },
} as const;

type Health = { overall: number; band: string; withoutData: readonly string[]; components: Record<string, { score: number; explanation: string } | undefined> };

function view(health: Health) {
  return {
    overall: health.overall,
    band: health.band,
    withoutData: health.withoutData,
    components: Object.fromEntries(Object.entries(health.components).map(([name, c]) => [name, [c?.score, c?.explanation]])),
  };
}

const ofTenant = (type: string, tenantId: string) => (all: ReceivedMessage[]) => all.filter((msg) => msg.headers['ce_type'] === type && msg.key === tenantId);
const payloads = (messages: ReceivedMessage[]) => messages.map((msg) => JSON.parse(msg.value ?? '{}') as Record<string, unknown>);

async function allCaughtUp(health: RunningHealth): Promise<void> {
  const groups: [string, string][] = [
    ['lifecycle', TOPICS.TENANT_LIFECYCLE.name],
    ['usage', TOPICS.METERING_USAGE.name],
    ['alerts', TOPICS.METERING_ALERTS.name],
    ['billing', TOPICS.BILLING.name],
  ];
  await waitFor(
    async () => {
      for (const [group, topic] of groups) if (!(await caughtUp(kafka, `${health.groupPrefix}health-scoring.${group}`, topic))) return undefined;
      return true;
    },
    { timeoutMs: 60_000, intervalMs: 200, what: 'health scoring to catch up with its topics' },
  );
  // Consumed usage is scored by the rescoring job shortly after (HEALTH_RESCORE_INTERVAL_MS): wait until it took every mark.
  await waitFor(async () => (Number((await health.dataSource.query(`SELECT count(*) AS n FROM dirty_tenants`))[0].n) === 0 ? true : undefined), {
    timeoutMs: 30_000,
    intervalMs: 100,
    what: 'the rescoring job to recompute the tenants with new usage',
  });
}

describe('health scoring (int)', () => {
  let health: RunningHealth;

  beforeAll(async () => {
    health = await startHealthScoring(NOW);
    for (const [topic, messages] of Object.entries(HISTORY)) await produce(kafka, topic, messages);
    await health.api.awaitHealth(THRIVING, (h) => h.components.revenue !== undefined && h.components.activity?.score === 100);
    expect((await health.api.feedback(THRIVING, { score: 9, comment: 'Works well' })).status).toBe(201);
    await allCaughtUp(health);
  });

  afterAll(async () => {
    await health?.stop();
  });

  it('scores the scripted history as the hand-computed table says, leaving out components without data', async () => {
    for (const [tenantId, expected] of Object.entries(TABLE)) {
      const answer = await health.api.health(tenantId);
      expect({ tenantId, status: answer.status, ...view(answer.body as unknown as Health) }).toEqual({ tenantId, status: 200, ...expected });
    }
    const slipping = (await health.api.health(SLIPPING)).body;
    expect(slipping.explanation).toBe('Weighted mean of activity, revenue, compliance, performance; no data for satisfaction, left out and the other weights renormalised');
    expect(slipping.alerts).toEqual([
      { component: 'revenue', score: 45, message: '1 invoice overdue, 1 failed payment on unpaid invoices' },
      { component: 'activity', score: 58, message: 'API calls down 42 % against the previous 30 days' },
      { component: 'compliance', score: 65, message: '1 limit warning, 1 hard limit hit in the last 30 days' },
    ]);
    expect(slipping.components.activity?.inputs).toEqual({ apiCallsLast30Days: 580, apiCallsPrevious30Days: 1000, activeUsersLast30Days: 0, activeUsersPrevious30Days: 0 });
    expect((await health.api.health(THRIVING)).body.alerts).toEqual([]);
  });

  it('keeps the history and announces TenantHealthChanged with the band and components', async () => {
    const history = (await health.api.history(THRIVING)).body.history;
    expect(history[0]).toMatchObject({ overall: 99, band: 'green', components: { activity: 100, revenue: 100, compliance: 100, performance: 100, satisfaction: 90 } });
    expect(history.length).toBeGreaterThan(1);
    const all = await readTopic(kafka, TOPICS.HEALTH.name, (msgs) => ofTenant('TenantHealthChanged', NEW)(msgs).length > 0 && ofTenant('TenantHealthChanged', SLIPPING)(msgs).length > 0, { settleMs: 1_500 });
    // NEW: one event, one score, one announcement, with only the component that has data.
    expect(payloads(ofTenant('TenantHealthChanged', NEW)(all))).toEqual([{ tenantId: NEW, overall: 100, band: 'green', components: { compliance: 100 }, at: NOW.toISOString() }]);
    // SLIPPING: the last announcement is the current band, within 5 points of the current score (59) — smaller moves are not announced.
    const changed = payloads(ofTenant('TenantHealthChanged', SLIPPING)(all));
    expect(changed.at(-1)).toMatchObject({ tenantId: SLIPPING, band: 'yellow' });
    expect(Math.abs((changed.at(-1)?.['overall'] as number) - 59)).toBeLessThan(5);
    // Announced only on a band change or a move of 5 or more: consecutive announcements differ by that much.
    for (let i = 1; i < changed.length; i++) {
      const [before, after] = [changed[i - 1], changed[i]] as [Record<string, unknown>, Record<string, unknown>];
      expect(after['band'] !== before['band'] || Math.abs((after['overall'] as number) - (before['overall'] as number)) >= 5).toBe(true);
      expect(after['previousOverall']).toBe(before['overall']);
    }
  });

  it('raises usage decline once for the slipping tenant and no churn risk for the thriving one', async () => {
    const all = await readTopic(kafka, TOPICS.HEALTH.name, (msgs) => ofTenant('ChurnRiskDetected', SLIPPING)(msgs).length > 0, { settleMs: 1_500 });
    const reasons = payloads(ofTenant('ChurnRiskDetected', SLIPPING)(all)).flatMap((p) => p['reasons'] as string[]);
    expect(reasons.filter((r) => r === 'usage-decline')).toHaveLength(1);
    expect(payloads(ofTenant('ChurnRiskDetected', SLIPPING)(all)).find((p) => (p['reasons'] as string[]).includes('usage-decline'))?.['details']).toContain(
      'API calls down 42 % against the previous 30 days (580 against 1000)',
    );
    expect(ofTenant('ChurnRiskDetected', THRIVING)(all)).toEqual([]);
    expect((await health.api.health(SLIPPING)).body.churnRisk).toContainEqual(expect.objectContaining({ reason: 'usage-decline' }));
    expect((await health.api.health(THRIVING)).body.churnRisk).toEqual([]);
  });

  it('raises a 15-point drop within 30 days once per episode, and again after the tenant recovered', async () => {
    const drops = async (count: number) =>
      payloads(ofTenant('ChurnRiskDetected', DROPPING)(await readTopic(kafka, TOPICS.HEALTH.name, (msgs) => ofTenant('ChurnRiskDetected', DROPPING)(msgs).length >= count, { settleMs: 1_500 }))).filter((p) =>
        (p['reasons'] as string[]).includes('score-drop'),
      );
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [m('TenantCreated', tenantCreated(DROPPING))]);
    await produce(kafka, TOPICS.METERING_USAGE.name, [m('UsageRecorded', apiCalls(DROPPING, 1000, 40)), m('UsageRecorded', apiCalls(DROPPING, 1000, 10))]);
    await produce(kafka, TOPICS.BILLING.name, [m('InvoiceIssued', invoice(DROPPING, '00000000-0000-4000-8000-0000000000d0', -10))]);
    await health.api.awaitHealth(DROPPING, (h) => h.overall === 100 && h.components.revenue?.score === 100 && h.components.activity?.score === 100, 'a full score');

    // An overdue invoice in dunning at the suspended step: revenue 100 − 40 − 30 = 30, overall (3000 + 750 + 1500 + 1500) / 85 = 79.4 → 79.
    const [inv1, inv2] = ['00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000d2'];
    await produce(kafka, TOPICS.BILLING.name, [m('InvoiceIssued', invoice(DROPPING, inv1, 1)), m('DunningEscalated', { tenantId: DROPPING, invoiceId: inv1, episodeId: '00000000-0000-4000-8000-0000000000e1', step: 'suspended', daysOverdue: 14, invoiceIds: [inv1], overdueSince: ago(14), at: ago(0.5) })]);
    const dropped = await health.api.awaitHealth(DROPPING, (h) => h.overall === 79, 'the drop');
    expect(dropped.churnRisk).toEqual([expect.objectContaining({ reason: 'score-drop', detail: 'Health score fell 21 points within 30 days (from 100 to 79)' })]);
    expect(await drops(1)).toHaveLength(1);

    // Paid: back to 100, the episode closes (re-armed) and nothing more is raised.
    await produce(kafka, TOPICS.BILLING.name, [m('InvoicePaid', { ...money(DROPPING, inv1), paidAt: ago(0.2) })]);
    expect((await health.api.awaitHealth(DROPPING, (h) => h.overall === 100, 'the recovery')).churnRisk).toEqual([]);
    expect(await drops(1)).toHaveLength(1);

    // The same drop again: a new episode, raised again.
    await produce(kafka, TOPICS.BILLING.name, [m('InvoiceIssued', invoice(DROPPING, inv2, 1)), m('DunningEscalated', { tenantId: DROPPING, invoiceId: inv2, episodeId: '00000000-0000-4000-8000-0000000000e2', step: 'suspended', daysOverdue: 14, invoiceIds: [inv2], overdueSince: ago(14), at: ago(0.1) })]);
    await health.api.awaitHealth(DROPPING, (h) => h.overall === 79, 'the second drop');
    const raised = await drops(2);
    expect(raised).toHaveLength(2);
    expect(raised.map((p) => p['risk'])).toEqual(['medium', 'medium']);
  });

  it('changes nothing when the same events are delivered again', async () => {
    const before = await Promise.all([THRIVING, SLIPPING, NEW].map(async (id) => [(await health.api.health(id)).body, (await health.api.history(id)).body]));
    const announced = (await readTopic(kafka, TOPICS.HEALTH.name, () => true, { settleMs: 1_500 })).filter((msg) => [THRIVING, SLIPPING, NEW].includes(msg.key ?? '')).length;
    for (const [topic, messages] of Object.entries(HISTORY)) await produce(kafka, topic, messages);
    await allCaughtUp(health);
    const after = await Promise.all([THRIVING, SLIPPING, NEW].map(async (id) => [(await health.api.health(id)).body, (await health.api.history(id)).body]));
    expect(after).toEqual(before);
    expect((await readTopic(kafka, TOPICS.HEALTH.name, () => true, { settleMs: 1_500 })).filter((msg) => [THRIVING, SLIPPING, NEW].includes(msg.key ?? '')).length).toBe(announced);
  });

  it('computes the same scores in a fresh instance replaying every topic from where the suite began', async () => {
    // From where the first instance started: the topics hold nothing of these tenants before that.
    const fresh = await startHealthScoring(NOW, {}, { startAt: health.startOffsets });
    try {
      await allCaughtUp(fresh);
      for (const [tenantId, expected] of Object.entries(TABLE)) {
        if (tenantId === THRIVING) continue; // its feedback came through the API, not a topic
        expect({ tenantId, ...view((await fresh.api.health(tenantId)).body as unknown as Health) }).toEqual({ tenantId, ...expected });
      }
    } finally {
      await fresh.stop();
    }
  });

  it('answers the dashboard from its own projection: status, usage against limits, users, revenue, recent actions and health', async () => {
    const answer = await health.api.request<Record<string, unknown>>('GET', `/internal/v1/tenants/${SLIPPING}/dashboard`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      tenantId: SLIPPING,
      asOf: NOW.toISOString(),
      status: { status: 'active', since: ago(89), slug: `t-${SLIPPING.slice(0, 8)}`, planId: 'starter' },
      usage: {
        metrics: [
          { metric: 'api_calls', used: 580, limit: '1000', mode: 'soft', percent: 58 },
          { metric: 'bandwidth_bytes', used: 0, limit: null, mode: null, percent: null },
          { metric: 'storage_bytes', used: 0, limit: null, mode: null, percent: null },
        ],
        limitAlertsLast30Days: 2,
      },
      users: { seats: 25, active: 0, activePrevious: 0, growthPercent: null },
      revenue: { mrrMinor: 2900, currency: 'USD', paymentStatus: 'failed', subscriptionStatus: null, dunningStage: null, lastInvoices: [{ invoiceId: '00000000-0000-4000-8000-0000000000b1', status: 'failed', amountMinor: 2900 }] },
      activity: {
        lastActiveDay: ago(4).slice(0, 10),
        recentActions: [
          { type: 'TenantLimitsChanged', at: ago(20), summary: 'Limits changed' },
          { type: 'TenantActivated', at: ago(89), summary: 'Activated (provisioning → active)' },
          { type: 'TenantCreated', at: ago(90), summary: 'Created' },
        ],
      },
      health: { overall: 59, band: 'yellow' },
    });
    const thriving = (await health.api.request<Record<string, Record<string, unknown>>>('GET', `/internal/v1/tenants/${THRIVING}/dashboard`)).body;
    expect(thriving['users']).toEqual({ seats: 25, active: 3, activePrevious: 2, growthPercent: 50 });
    expect(thriving['revenue']).toMatchObject({ paymentStatus: 'paid', mrrMinor: 2900 });
    expect((await health.api.request('GET', `/internal/v1/tenants/${randomUUID()}/dashboard`)).status).toBe(404);
  });

  it('refuses bad feedback naming the field and records nothing, and answers 404 for a tenant it does not know', async () => {
    const before = (await health.api.health(SLIPPING)).body;
    for (const [body, field] of [[{ score: 11 }, 'score'], [{ score: 7.5 }, 'score'], [{}, 'score'], [{ score: 5, comment: 'x'.repeat(2001) }, 'comment'], [{ score: 5, extra: 1 }, 'extra']] as const) {
      const answer = await health.api.feedback(SLIPPING, body);
      expect({ field, status: answer.status, contentType: answer.contentType }).toEqual({ field, status: 400, contentType: expect.stringContaining('application/problem+json') });
      expect((answer.body as unknown as Problem).errors?.map((e) => e.field)).toContain(field);
    }
    expect((await health.api.health(SLIPPING)).body).toEqual(before);
    const unknown = randomUUID();
    expect(await health.api.health(unknown)).toMatchObject({ status: 404, body: { type: expect.stringContaining('health-not-found') } });
    expect((await health.api.history(unknown)).status).toBe(404);
    expect((await health.api.history(SLIPPING, 0)).status).toBe(400);
  });
});
