// Cross-tenant analytics (issue 12) against an oracle computed here: a scripted month of events for
// fifteen tenants on two plans of this test's own (unique names, so whatever else the shared broker
// carries is filtered out by `plan=`) — lifecycle with features and one churn, usage by day and
// hour, active users, invoices (one voided), a degraded performance window — and the usage,
// business and comparative answers checked figure by figure, percentiles especially. Real broker and
// database; health scoring in-process with a ManualClock and consumer groups starting at the end.
import { randomUUID } from 'node:crypto';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import type { BusinessAnalyticsDto, ComparativeAnalyticsDto, UsageAnalyticsDto } from '@tenantry/health-api';
import { eventMessage, produce, testKafka, waitFor } from '@tenantry/testing';
import { Problem, RunningHealth, startHealthScoring } from './health-client';

/** list[i], failing loudly when the scripted data has no such element. */
function at<T>(list: readonly T[], i: number): T {
  const value = list[i];
  if (value === undefined) throw new Error(`no element ${i}`);
  return value;
}

jest.setTimeout(150_000);

const kafka = testKafka();
const RUN = randomUUID().slice(0, 8);
const PLAN = `an-${RUN}`;
const SMALL = `an-small-${RUN}`;
const NOW = new Date('2026-10-31T12:00:00.000Z');
const N = 12;

interface Scripted {
  tenantId: string;
  plan: string;
  september: number;
  october: { day: number; hour: number; calls: number }[];
  users: string[];
  invoice: number;
}

// Plan PLAN: 12 tenants; SMALL: 3. Calls are deliberately uneven, with ties (tenants 4 and 8 share October's total).
const tenants: Scripted[] = Array.from({ length: N + 3 }, (_, i) => {
  const octoberTotal = i === 8 ? 700 : at([50, 900, 300, 1200, 700, 80, 2000, 450, 0, 1500, 60, 3000, 500, 600, 700], i);
  return {
    tenantId: randomUUID(),
    plan: i < N ? PLAN : SMALL,
    september: i === 2 ? 0 : 100 * (i + 1),
    october: [
      { day: 1 + (i % 28), hour: i % 24, calls: Math.floor(octoberTotal / 2) },
      { day: 2 + (i % 27), hour: (i * 5) % 24, calls: octoberTotal - Math.floor(octoberTotal / 2) },
    ].filter((u) => u.calls > 0),
    users: Array.from({ length: i % 4 }, (_, u) => `user-${u}`),
    invoice: 1000 + 100 * i,
  };
});
const VOIDED = 5; // tenant 5's invoice is voided
const CHURNED = 0; // tenant 0 is deactivated on October 5th

const iso = (day: string, hour = 0) => `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const oct = (day: number) => `2026-10-${String(day).padStart(2, '0')}`;

function created(t: Scripted, i: number): EventPayload<'TenantCreated'> {
  return {
    tenantId: t.tenantId,
    slug: `an-${t.tenantId.slice(0, 8)}`,
    name: `Analytics ${i}`,
    domain: { type: 'subdomain', value: `an-${t.tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: t.plan, trial: false },
    adminEmail: 'ops@example.com',
    configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'EUR' },
    resources: { storage: 1, bandwidth: 1, users: 10 },
    createdAt: iso(`2026-08-${String(1 + i).padStart(2, '0')}`),
  };
}

const features = (i: number) => (i % 4 === 0 ? ['audit', 'sso'] : i % 2 === 0 ? ['sso'] : []);

// ----- the oracle -----
function percentileOf(value: number, peers: number[]): number {
  const below = peers.filter((p) => p < value).length;
  const equal = peers.filter((p) => p === value).length;
  return Math.round(((100 * (below + equal / 2)) / peers.length) * 100) / 100;
}
/** 1-based rank form of linear interpolation: rank r = 1 + p (n − 1). */
function quantileOf(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const r = 1 + p * (sorted.length - 1);
  const k = Math.floor(r);
  const lower = at(sorted, k - 1);
  const upper = at(sorted, Math.min(k, sorted.length - 1));
  return Math.round((lower + (r - k) * (upper - lower)) * 100) / 100;
}
const octoberTotal = (t: Scripted) => t.october.reduce((s, u) => s + u.calls, 0);

describe('health scoring: analytics (int)', () => {
  let health: RunningHealth;

  beforeAll(async () => {
    health = await startHealthScoring(NOW, { HEALTH_RECOMPUTE_INTERVAL_MS: '3600000' });
  });

  afterAll(async () => {
    await health?.stop();
  });

  const get = <T>(path: string) => health.api.request<T>('GET', `/internal/v1/analytics/${path}`);

  it('answers usage, business and comparative analytics matching the oracle', async () => {
    // The lifecycle first (usage is counted under the plan its tenant is on when it arrives).
    await produce(
      kafka,
      TOPICS.TENANT_LIFECYCLE.name,
      tenants.flatMap((t, i) => [
        eventMessage('TenantCreated', created(t, i)),
        eventMessage('TenantActivated', { tenantId: t.tenantId, from: 'provisioning', to: 'active', actor: 'system', at: iso('2026-08-20') }),
        eventMessage('TenantConfigChanged', { tenantId: t.tenantId, version: 2, configuration: { features: features(i) }, at: iso('2026-09-02') }),
        ...(i === CHURNED ? [eventMessage('TenantDeactivated', { tenantId: t.tenantId, from: 'active', to: 'inactive', actor: 'system', at: iso(oct(5)) })] : []),
      ]),
    );
    const all = `from=2026-10-01&to=2026-10-31&plan=${PLAN}`;
    await waitFor(
      async () => {
        const answer = await get<ComparativeAnalyticsDto>(`comparative?${all}`);
        return answer.status === 200 && answer.body.total === N ? true : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 200, what: 'the tenants in analytics' },
    );

    await produce(
      kafka,
      TOPICS.METERING_USAGE.name,
      tenants.flatMap((t) => [
        ...(t.september > 0 ? [{ day: '2026-09-10', hour: 3, calls: t.september }] : []).map((u) => ({ ...u, at: iso(u.day, u.hour) })),
        ...t.october.map((u) => ({ ...u, at: iso(oct(u.day), u.hour) })),
      ].map((u) => eventMessage('UsageRecorded', { tenantId: t.tenantId, eventId: `an-${randomUUID()}`, metric: 'api_calls', quantity: String(u.calls), timestamp: u.at, source: 'gateway' }))
        .concat(t.users.flatMap((user) => [oct(10), oct(11)].map((day) => eventMessage('UsageRecorded', { tenantId: t.tenantId, eventId: `au-${randomUUID()}`, metric: 'active_users', quantity: '1', timestamp: iso(day, 9), source: 'api', properties: { userId: user } })))),
      ),
    );
    await produce(
      kafka,
      TOPICS.BILLING.name,
      tenants.flatMap((t, i) => {
        const invoiceId = randomUUID();
        const issued = eventMessage('InvoiceIssued', { tenantId: t.tenantId, invoiceId, amountMinor: t.invoice, currency: 'EUR', periodStart: iso(oct(1)), periodEnd: iso(oct(31)), dueAt: iso(oct(15)) });
        return i === VOIDED ? [issued, eventMessage('InvoiceVoided', { tenantId: t.tenantId, invoiceId, amountMinor: t.invoice, currency: 'EUR', number: `INV-${RUN}`, voidedAt: iso(oct(20)) })] : [issued];
      }),
    );
    await produce(kafka, TOPICS.METERING_ALERTS.name, [
      eventMessage('TenantPerformanceDegraded', { tenantId: at(tenants, 3).tenantId, windowStart: iso(oct(3), 14), p95Ms: 1500, errorRate: 0.1, requests: 100, at: iso(oct(3), 14) }),
    ]);

    const planTenants = tenants.filter((t) => t.plan === PLAN);
    const expectedCalls = planTenants.reduce((s, t) => s + octoberTotal(t), 0);
    const usage = await waitFor(
      async () => {
        const answer = await get<UsageAnalyticsDto>(`usage?${all}`);
        return answer.status === 200 && answer.body.totalApiCalls === expectedCalls && answer.body.errorRate !== null && answer.body.activeUsers.averageDaily > 0 ? answer.body : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 200, what: 'the usage in analytics' },
    );
    // Usage: per day, per hour of day, error rate, features, active users.
    const perDay = new Map<string, number>();
    const perHour = new Array<number>(24).fill(0);
    for (const t of planTenants) {
      for (const u of t.october) {
        perDay.set(oct(u.day), (perDay.get(oct(u.day)) ?? 0) + u.calls);
        perHour[u.hour] += u.calls;
      }
    }
    expect(Object.fromEntries(usage.days.filter((d) => d.apiCalls > 0).map((d) => [d.day, d.apiCalls]))).toEqual(Object.fromEntries([...perDay.entries()].sort()));
    expect(usage.hourOfDay.map((h) => h.apiCalls)).toEqual(perHour);
    expect(usage.errorRate).toBeCloseTo(10 / expectedCalls, 6);
    expect(usage.tenantsCounted).toBe(N);
    const withFeature = (name: string) => planTenants.filter((_, i) => features(i).includes(name)).length;
    expect(usage.featureUtilisation).toEqual([
      { feature: 'sso', tenants: withFeature('sso'), share: Math.round((withFeature('sso') / N) * 10_000) / 10_000 },
      { feature: 'audit', tenants: withFeature('audit'), share: Math.round((withFeature('audit') / N) * 10_000) / 10_000 },
    ]);
    const userDays = planTenants.reduce((s, t) => s + 2 * t.users.length, 0);
    await waitFor(
      async () => ((await get<UsageAnalyticsDto>(`usage?${all}`)).body.activeUsers.averageDaily === Math.round((userDays / 31) * 100) / 100 ? true : undefined),
      { timeoutMs: 30_000, intervalMs: 200, what: 'every active user' },
    );

    // Business: MRR of October (the voided invoice excluded), growth and churn, LTV.
    const paying = planTenants.filter((_, i) => i !== VOIDED);
    const mrr = paying.reduce((s, t) => s + t.invoice, 0);
    const business = await waitFor(
      async () => {
        const answer = await get<BusinessAnalyticsDto>(`business?${all}`);
        return answer.status === 200 && answer.body.revenue[0]?.mrrMinor === mrr ? answer.body : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 200, what: 'the invoices in analytics' },
    );
    expect(business.revenue).toEqual([{ month: '2026-10', currency: 'EUR', mrrMinor: mrr, payingTenants: N - 1 }]);
    expect(business.tenantGrowth).toEqual([{ month: '2026-10', created: 0, activated: 0, churned: 1, activeAtStart: N, churnRate: Math.round((1 / N) * 1e6) / 1e6 }]);
    expect(business.monthlyChurnRate).toBe(Math.round((1 / N) * 1e6) / 1e6);
    const average = Math.round(mrr / (N - 1));
    expect(business.ltv).toEqual([{ currency: 'EUR', averageMrrMinor: average, ltvMinor: Math.round(average / (Math.round((1 / N) * 1e6) / 1e6)) }]);
    expect(business.featureAdoption.map((f) => [f.feature, f.tenants, f.adoptedInRange])).toEqual([
      ['sso', withFeature('sso'), 0],
      ['audit', withFeature('audit'), 0],
    ]);
    // September: no churn, so no LTV (unbounded).
    const september = (await get<BusinessAnalyticsDto>(`business?from=2026-09-01&to=2026-09-30&plan=${PLAN}`)).body;
    expect(september.monthlyChurnRate).toBe(0);
    expect(september.ltv).toEqual([]);
    expect(september.featureAdoption.map((f) => [f.feature, f.adoptedInRange])).toEqual([['sso', withFeature('sso')], ['audit', withFeature('audit')]]);

    // Comparative: percentiles and distributions against the oracle, with health read from each tenant's score.
    // The scores move while health scoring's own consumers catch up: read them, then the comparison, until both agree.
    const { scores, comparative } = await waitFor(
      async () => {
        const read = new Map<string, number>();
        for (const t of tenants) {
          const answer = await health.api.health(t.tenantId);
          if (answer.status !== 200 || !answer.body.components.activity) return undefined;
          read.set(t.tenantId, answer.body.overall);
        }
        const answer = (await get<ComparativeAnalyticsDto>(`comparative?from=2026-10-01&to=2026-10-31&plan=${PLAN}&limit=1000`)).body;
        return answer.tenants.every((t) => t.health === read.get(t.tenantId)) ? { scores: read, comparative: answer } : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 500, what: 'the scores in the comparison' },
    );
    expect(comparative.total).toBe(N);
    const measures = planTenants.map((t) => ({
      tenantId: t.tenantId,
      usage: octoberTotal(t),
      health: scores.get(t.tenantId) ?? Number.NaN,
      growth: t.september === 0 ? null : Math.round(((100 * (octoberTotal(t) - t.september)) / t.september) * 100) / 100,
    }));
    const usageValues = measures.map((m) => m.usage);
    const healthValues = measures.map((m) => m.health);
    const growthValues = measures.flatMap((m) => (m.growth === null ? [] : [m.growth]));
    const expectedPositions = measures
      .map((m) => ({
        tenantId: m.tenantId,
        plan: PLAN,
        usage: m.usage,
        health: m.health,
        growth: m.growth,
        usagePercentile: percentileOf(m.usage, usageValues),
        healthPercentile: percentileOf(m.health, healthValues),
        growthPercentile: m.growth === null ? null : percentileOf(m.growth, growthValues),
      }))
      .sort((a, b) => (a.tenantId < b.tenantId ? -1 : 1));
    expect(comparative.tenants).toEqual(expectedPositions);
    // A hand check: tenants 4 and 8 tie at 700 calls, 5 of the 12 below them: 100 × (5 + 2/2) / 12 = 50 for both.
    expect(comparative.tenants.filter((t) => t.usage === 700).map((t) => t.usagePercentile)).toEqual([50, 50]);
    const dist = (values: number[]) => ({ count: values.length, p10: quantileOf(values, 0.1), p25: quantileOf(values, 0.25), p50: quantileOf(values, 0.5), p75: quantileOf(values, 0.75), p90: quantileOf(values, 0.9) });
    expect(comparative.plans).toEqual([{ plan: PLAN, tenants: N, usage: dist(usageValues), health: dist(healthValues), growth: dist(growthValues) }]);
    const risk = expectedPositions
      .map((p) => {
        const low = (['usage', 'health', 'growth'] as const).filter((m) => {
          const v = p[`${m}Percentile`];
          return v !== null && v <= 10;
        });
        return { tenantId: p.tenantId, plan: PLAN, measures: low, lowestPercentile: Math.min(...low.map((m) => p[`${m}Percentile`] ?? Number.NaN)) };
      })
      .filter((r) => r.measures.length > 0)
      .sort((a, b) => a.lowestPercentile - b.lowestPercentile || (a.tenantId < b.tenantId ? -1 : 1));
    expect(risk.length).toBeGreaterThan(0);
    expect(comparative.riskIndicators).toEqual(risk);
    // The lowest October usage of the plan (tenant 0, 50 calls) is in the bottom decile: 100 × 0.5 / 12 = 4.17.
    expect(comparative.riskIndicators).toContainEqual(expect.objectContaining({ tenantId: at(tenants, 0).tenantId, measures: expect.arrayContaining(['usage']) }));

    // Pages; and without the plan filter both plans are compared, each within its own peers.
    const page = (await get<ComparativeAnalyticsDto>(`comparative?${all}&limit=5&offset=10`)).body;
    expect(page.tenants.map((t) => t.tenantId)).toEqual(expectedPositions.slice(10).map((t) => t.tenantId));
    const small = (await get<ComparativeAnalyticsDto>(`comparative?from=2026-10-01&to=2026-10-31&plan=${SMALL}`)).body;
    expect(small.tenants.map((t) => t.usagePercentile).sort()).toEqual([16.67, 50, 83.33].sort());
  });

  it('refuses a bad date naming the field, and a range that ends before it starts', async () => {
    const bad = await get<Problem>('usage?from=2026-13-01&to=2026-10-31');
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.errors?.map((e) => e.field))]).toEqual(['from']);
    const reversed = await get<Problem>('business?from=2026-10-31&to=2026-10-01');
    expect(reversed.status).toBe(400);
    expect([...new Set(reversed.body.errors?.map((e) => e.field))]).toEqual(['to']);
    const missing = await get<Problem>('comparative?from=2026-10-01&limit=0');
    expect(missing.status).toBe(400);
    expect([...new Set(missing.body.errors?.map((e) => e.field))].sort()).toEqual(['limit', 'to']);
  });
});
