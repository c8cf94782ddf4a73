// Coalesced rescoring against the real broker and database, in-process with a ManualClock: usage
// arriving in five separate batches for one tenant is folded into its totals as it comes, and the
// tenant's score is recomputed once for all of it — one history entry, one TenantHealthChanged,
// one ChurnRiskDetected — not once per batch. The rescoring job's interval is set to a minute so
// the test runs it itself (the job's own use case, in-process) after the five batches are consumed.
import { randomUUID } from 'node:crypto';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { caughtUp, eventMessage, produce, readTopic, ReceivedMessage, testKafka, waitFor } from '@tenantry/testing';
import { RescoreDirtyCommand } from '../src/health/usecases/rescore-dirty/rescore-dirty.command';
import { RescoreDirtyUseCase } from '../src/health/usecases/rescore-dirty/rescore-dirty.use-case';
import { CONSUMER_GROUPS } from '../src/service';
import { RunningHealth, startHealthScoring } from './health-client';

jest.setTimeout(120_000);

const kafka = testKafka();
const NOW = new Date('2026-07-15T12:00:00.000Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const TENANT = randomUUID();

const created: EventPayload<'TenantCreated'> = {
  tenantId: TENANT,
  slug: `r-${TENANT.slice(0, 8)}`,
  name: `Rescored ${TENANT.slice(0, 8)}`,
  domain: { type: 'subdomain', value: `r-${TENANT.slice(0, 8)}`, ssl: true },
  plan: { id: 'starter', trial: false },
  adminEmail: 'ops@example.com',
  configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
  resources: { storage: 10, bandwidth: 100, users: 25 },
  createdAt: ago(90),
};
const calls = (quantity: number, daysAgo: number) =>
  eventMessage('UsageRecorded', { tenantId: TENANT, eventId: randomUUID(), metric: 'api_calls', quantity: String(quantity), timestamp: ago(daysAgo), source: 'api' });
const ofTenant = (type: string) => (all: ReceivedMessage[]) => all.filter((msg) => msg.headers['ce_type'] === type && msg.key === TENANT);
const payloads = (messages: ReceivedMessage[]) => messages.map((msg) => JSON.parse(msg.value ?? '{}') as Record<string, unknown>);

describe('coalesced rescoring (int)', () => {
  let health: RunningHealth;

  beforeAll(async () => {
    health = await startHealthScoring(NOW, { HEALTH_RESCORE_INTERVAL_MS: '60000' });
  });

  afterAll(async () => {
    await health?.stop();
  });

  it('recomputes a tenant once for five batches of usage: one history entry, one announcement, one churn risk', async () => {
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', created)]);
    await health.api.awaitHealth(TENANT, (h) => h.overall === 100, 'the first score');
    expect((await health.api.history(TENANT)).body.history).toHaveLength(1);

    // 1,000 calls the previous 30 days, 300 in the last 30, in five batches of five events, each
    // consumed before the next is sent: recomputing per batch would score (and announce) five times.
    const batches = [
      [40, 100],
      [35, 100],
      [10, 20],
      [5, 20],
      [1, 20],
    ] as const;
    for (const [daysAgo, quantity] of batches) {
      await produce(kafka, TOPICS.METERING_USAGE.name, Array.from({ length: 5 }, () => calls(quantity, daysAgo)));
      await waitFor(async () => ((await caughtUp(kafka, `${health.groupPrefix}${CONSUMER_GROUPS.usage}`, TOPICS.METERING_USAGE.name)) ? true : undefined), {
        timeoutMs: 30_000,
        intervalMs: 100,
        what: 'the usage batch to be consumed',
      });
    }

    const rescore = () => health.app.get(RescoreDirtyUseCase).execute(new RescoreDirtyCommand(health.clock.now(), 200));
    await rescore();

    // activity 100 × 300 ÷ 1000 = 30; overall (30 × 30 + 100 × 15 + 100 × 15) ÷ 60 = 65, yellow.
    const scored = (await health.api.health(TENANT)).body;
    expect(scored).toMatchObject({ overall: 65, band: 'yellow' });
    expect(scored.components.activity?.inputs).toMatchObject({ apiCallsLast30Days: 300, apiCallsPrevious30Days: 1000 });
    expect((await health.api.history(TENANT)).body.history.map((h) => h.overall)).toEqual([65, 100]);

    const all = await readTopic(kafka, TOPICS.HEALTH.name, (msgs) => ofTenant('ChurnRiskDetected')(msgs).length > 0, { settleMs: 1_500 });
    expect(payloads(ofTenant('TenantHealthChanged')(all)).map((p) => [p['overall'], p['band'], p['previousOverall']])).toEqual([
      [100, 'green', undefined],
      [65, 'yellow', 100],
    ]);
    expect(payloads(ofTenant('ChurnRiskDetected')(all)).map((p) => p['reasons'])).toEqual([['usage-decline']]);

    // The marks were taken: running the job again recomputes nothing more for the tenant.
    await rescore();
    expect((await health.api.history(TENANT)).body.history).toHaveLength(2);
  });
});
