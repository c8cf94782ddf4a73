// Limit alerts against the real metering process, Kafka and Postgres: 80 %, 100 % and exceeded fire
// once each per billing month and limit, whatever is redelivered, replayed or killed.
import { randomUUID } from 'node:crypto';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { loadConfig } from '@tenantry/config';
import { TOPICS } from '@tenantry/contracts';
import { quoteIdent } from '@tenantry/persistence';
import { Clock, ServiceModule } from '@tenantry/service';
import { ManualClock } from '@tenantry/service/testing';
import { caughtUp, databaseUrl, devSecretsEnv, eventMessage, KAFKA_BROKERS, produce, RunningService, testKafka, uniqueName, waitFor } from '@tenantry/testing';
import { AlertRepository } from '../src/alerts/alert.repository';
import { PostgresAlertRepository } from '../src/alerts/postgres-alert.repository';
import { SweepLimitAlertsCommand } from '../src/alerts/usecases/sweep-limit-alerts/sweep-limit-alerts.command';
import { SweepLimitAlertsUseCase } from '../src/alerts/usecases/sweep-limit-alerts/sweep-limit-alerts.use-case';
import { MeteringConfig } from '../src/metering.config';
import { SERVICE } from '../src/service';
import { activeTenant, alertsOf, changeLimits, describeAlert, limitApplied, publishCollected } from './alerts-harness';
import { currentValue, MeteringClient, startMetering } from './metering-client';

jest.setTimeout(300_000);

const DAY_MS = 86_400_000;
const AGGREGATES_GROUP = 'metering.aggregates';
const TENANTS_GROUP = 'metering.tenants';

function monthStart(at: Date, plusMonths = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + plusMonths, 1));
}

describe('metering limit alerts', () => {
  const kafka = testKafka();
  let service: RunningService;
  let api: MeteringClient;
  const thisMonth = monthStart(new Date()).toISOString();

  async function start(): Promise<void> {
    // Next month's events are accepted (clock skew of 40 days), so a test can reach the next billing month.
    ({ service, api } = await startMetering({ LATENESS_HOURS: '720', MAX_FUTURE_SKEW_MS: String(40 * DAY_MS) }));
  }

  beforeAll(start);

  afterAll(async () => {
    await service?.process.kill('SIGTERM');
  });

  async function record(tenantId: string, metric: string, quantity: string, timestamp = new Date().toISOString()): Promise<void> {
    const answer = await api.one(tenantId, { eventId: randomUUID(), metric, quantity, timestamp });
    expect(answer.body.results[0]?.status).toBe('accepted');
  }

  async function monthValue(tenantId: string, metric: string, expected: string): Promise<void> {
    await waitFor(async () => currentValue((await api.usage(tenantId)).body, metric) === expected, { timeoutMs: 60_000, what: `${metric} of ${tenantId} to be ${expected}` });
  }

  const tenantA = randomUUID();

  it('raises 80 %, 100 % and exceeded once each as usage grows, and shows the limit in the usage view', async () => {
    await activeTenant(kafka, api, tenantA);
    await changeLimits(kafka, tenantA, 1, [
      { metric: 'api_calls', limit: '100', mode: 'hard' },
      { metric: 'storage_bytes', limit: '50000000000', mode: 'soft' },
    ]);
    await limitApplied(api, tenantA, 'api_calls', '100', 'hard');

    await record(tenantA, 'api_calls', '50');
    await monthValue(tenantA, 'api_calls', '50');
    await record(tenantA, 'api_calls', '30');
    await monthValue(tenantA, 'api_calls', '80');
    await record(tenantA, 'api_calls', '20');
    await monthValue(tenantA, 'api_calls', '100');
    await record(tenantA, 'api_calls', '5');
    await monthValue(tenantA, 'api_calls', '105');
    await record(tenantA, 'api_calls', '10.5');
    await publishCollected(kafka, [{ tenantId: tenantA, eventId: `collector:storage_bytes:${new Date().toISOString()}`, metric: 'storage_bytes', quantity: '1000000000', timestamp: new Date().toISOString() }]);
    await monthValue(tenantA, 'api_calls', '115.5');
    await monthValue(tenantA, 'storage_bytes', '1000000000');

    const alerts = await alertsOf(kafka, [tenantA], (all) => all.length >= 3);
    expect(alerts.map((alert) => [alert.type, alert.payload])).toEqual([
      ['UsageThresholdReached', expect.objectContaining({ tenantId: tenantA, metric: 'api_calls', periodStart: thisMonth, thresholdPercent: 80, usage: '80', limit: '100' })],
      ['UsageThresholdReached', expect.objectContaining({ metric: 'api_calls', thresholdPercent: 100, usage: '100', limit: '100' })],
      ['UsageLimitExceeded', expect.objectContaining({ metric: 'api_calls', periodStart: thisMonth, usage: '105', limit: '100', mode: 'hard' })],
    ]);

    const view = (await api.usage(tenantA)).body.current;
    expect(view.find((c) => c.metric === 'api_calls')).toMatchObject({ metric: 'api_calls', periodStart: thisMonth, value: '115.5', limit: '100', mode: 'hard', percentUsed: 115.5 });
    expect(view.find((c) => c.metric === 'storage_bytes')).toMatchObject({ metric: 'storage_bytes', periodStart: thisMonth, value: '1000000000', limit: '50000000000', mode: 'soft', percentUsed: 2 });
    expect(view.find((c) => c.metric === 'active_users')).toMatchObject({ metric: 'active_users', periodStart: thisMonth, value: '0', limit: null, mode: null, percentUsed: null });
  });

  const tenantB = randomUUID();

  it('re-evaluates the current month when the limits change, and ignores an older version', async () => {
    await activeTenant(kafka, api, tenantB);
    await record(tenantB, 'bandwidth_bytes', '900');
    await monthValue(tenantB, 'bandwidth_bytes', '900');

    await changeLimits(kafka, tenantB, 1, [{ metric: 'bandwidth_bytes', limit: '1000', mode: 'soft' }]);
    expect((await alertsOf(kafka, [tenantB], (all) => all.length >= 1)).map(describeAlert)).toEqual([`bandwidth_bytes ${thisMonth} 80% of 1000`]);

    await changeLimits(kafka, tenantB, 3, [{ metric: 'bandwidth_bytes', limit: '800', mode: 'soft' }]);
    await changeLimits(kafka, tenantB, 2, [{ metric: 'bandwidth_bytes', limit: '10', mode: 'hard' }]);
    await changeLimits(kafka, tenantB, 4, [{ metric: 'bandwidth_bytes', limit: '800', mode: 'hard' }]);
    await limitApplied(api, tenantB, 'bandwidth_bytes', '800', 'hard');

    const alerts = await alertsOf(kafka, [tenantB], (all) => all.length >= 5);
    expect(alerts.map(describeAlert)).toEqual([
      `bandwidth_bytes ${thisMonth} 80% of 1000`,
      `bandwidth_bytes ${thisMonth} 80% of 800`,
      `bandwidth_bytes ${thisMonth} 100% of 800`,
      `bandwidth_bytes ${thisMonth} exceeded 800 soft`,
      // The same limit made hard is news to whoever enforces hard limits.
      `bandwidth_bytes ${thisMonth} exceeded 800 hard`,
    ]);
    expect(alerts[4]?.payload).toMatchObject({ usage: '900', limit: '800', mode: 'hard' });

    await changeLimits(kafka, tenantB, 5, [{ metric: 'api_calls', limit: '1000', mode: 'soft' }]);
    await limitApplied(api, tenantB, 'bandwidth_bytes', null);
  });

  const tenantC = randomUUID();

  it('re-arms in the next billing month', async () => {
    await activeTenant(kafka, api, tenantC);
    await changeLimits(kafka, tenantC, 1, [{ metric: 'api_calls', limit: '10', mode: 'soft' }]);
    await limitApplied(api, tenantC, 'api_calls', '10', 'soft');
    const nextMonth = monthStart(new Date(), 1);

    await record(tenantC, 'api_calls', '12');
    await alertsOf(kafka, [tenantC], (all) => all.length >= 3, 0);
    await record(tenantC, 'api_calls', '12', new Date(nextMonth.getTime() + 3_600_000).toISOString());

    const alerts = await alertsOf(kafka, [tenantC], (all) => all.length >= 6);
    const next = nextMonth.toISOString();
    expect(alerts.map(describeAlert)).toEqual([
      `api_calls ${thisMonth} 80% of 10`,
      `api_calls ${thisMonth} 100% of 10`,
      `api_calls ${thisMonth} exceeded 10 soft`,
      `api_calls ${next} 80% of 10`,
      `api_calls ${next} 100% of 10`,
      `api_calls ${next} exceeded 10 soft`,
    ]);
  });

  it('raises nothing twice after the streams are delivered again from the beginning', async () => {
    const before = await alertsOf(kafka, [tenantA, tenantB, tenantC], (all) => all.length >= 14, 0);
    expect(before).toHaveLength(14);

    await service.process.kill('SIGTERM');
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const [groupId, topic] of [
        [AGGREGATES_GROUP, TOPICS.METERING_USAGE.name],
        [TENANTS_GROUP, TOPICS.TENANT_LIFECYCLE.name],
      ] as const) {
        await waitFor(
          () =>
            admin.resetOffsets({ groupId, topic, earliest: true }).then(
              () => true,
              () => false,
            ),
          { timeoutMs: 90_000, intervalMs: 1_000, what: `${groupId} to be empty for an offset reset` },
        );
      }
    } finally {
      await admin.disconnect();
    }
    // The same limit change once more under a new CloudEvents id: the inbox cannot recognise it, the version must.
    await changeLimits(kafka, tenantA, 1, [{ metric: 'api_calls', limit: '100', mode: 'hard' }]);
    await start();
    await waitFor(async () => (await caughtUp(kafka, AGGREGATES_GROUP, TOPICS.METERING_USAGE.name)) && caughtUp(kafka, TENANTS_GROUP, TOPICS.TENANT_LIFECYCLE.name), {
      timeoutMs: 240_000,
      intervalMs: 500,
      what: 'the groups to catch up',
    });

    // New usage makes the months be evaluated again: every alert is still there, none is new.
    await record(tenantA, 'api_calls', '1');
    await monthValue(tenantA, 'api_calls', '116.5');
    const after = await alertsOf(kafka, [tenantA, tenantB, tenantC], (all) => all.length >= 14, 3_000);
    // Same alerts, same ids (the topic's partitions may be read in another order).
    expect(after.map((alert) => alert.id).sort()).toEqual(before.map((alert) => alert.id).sort());
    expect((await api.usage(tenantA)).body.current.find((c) => c.metric === 'storage_bytes')?.limit).toBe('50000000000');
  });

  it('raises each alert once when metering is killed mid-stream and restarted', async () => {
    const tenants = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const tenantId of tenants) {
      await activeTenant(kafka, api, tenantId);
      await changeLimits(kafka, tenantId, 1, [{ metric: 'api_calls', limit: '1000', mode: 'hard' }]);
    }
    for (const tenantId of tenants) await limitApplied(api, tenantId, 'api_calls', '1000', 'hard');

    const now = new Date().toISOString();
    const messages = tenants.flatMap((tenantId) =>
      Array.from({ length: 1_500 }, (_, i) => eventMessage('UsageRecorded', { tenantId, eventId: `k-${i}`, metric: 'api_calls', quantity: '1', timestamp: now, source: 'api' })),
    );
    await produce(kafka, TOPICS.METERING_USAGE.name, messages);
    await waitFor(async () => (await Promise.all(tenants.map(async (t) => Number(currentValue((await api.usage(t)).body, 'api_calls'))))).some((v) => v > 0), {
      timeoutMs: 60_000,
      intervalMs: 20,
      what: 'aggregation to be under way',
    });
    await service.process.kill('SIGKILL');

    await start();
    for (const tenantId of tenants) await monthValue(tenantId, 'api_calls', '1500');

    const alerts = await alertsOf(kafka, tenants, (all) => new Set(all.map((a) => a.id)).size >= 12, 3_000);
    // A relay resend after the kill carries the alert's own id again, which consumers' inboxes drop.
    const distinct = [...new Map(alerts.map((alert) => [alert.id, alert])).values()];
    for (const tenantId of tenants) {
      expect(distinct.filter((alert) => alert.payload['tenantId'] === tenantId).map(describeAlert)).toEqual([
        `api_calls ${thisMonth} 80% of 1000`,
        `api_calls ${thisMonth} 100% of 1000`,
        `api_calls ${thisMonth} exceeded 1000 hard`,
      ]);
    }
  });
});

// The periodic sweep driven by a ManualClock, in-process against the real Postgres in a schema of its own.
describe(SweepLimitAlertsUseCase.name, () => {
  const clock = new ManualClock(new Date('2026-04-20T10:00:00.000Z'));
  const schema = uniqueName('metering_sweep');
  let app: INestApplicationContext;
  let sut: SweepLimitAlertsUseCase;

  beforeAll(async () => {
    const config = loadConfig(MeteringConfig, { DATABASE_URL: databaseUrl(), KAFKA_BROKERS, ...devSecretsEnv(), LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '200' });
    @Module({
      imports: [ServiceModule.forRoot({ definition: { ...SERVICE, schema }, config })],
      providers: [{ provide: Clock, useValue: clock }, { provide: AlertRepository, useClass: PostgresAlertRepository }, SweepLimitAlertsUseCase],
    })
    class SweepTestModule {}
    app = await NestFactory.createApplicationContext(SweepTestModule, { logger: false });
    sut = app.get(SweepLimitAlertsUseCase);
  });

  afterAll(async () => {
    if (!app) return;
    await app.get(DataSource).query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await app.close();
  });

  it("raises what every tenant's current month has reached, once, and nothing for other months", async () => {
    const dataSource = app.get(DataSource);
    const [over, under, lastMonth] = [randomUUID(), randomUUID(), randomUUID()];
    await dataSource.query(
      `INSERT INTO tenant_limit (tenant_id, metric, limit_value, mode, version) VALUES
         ($1, 'storage_bytes', 1000, 'hard', 1), ($2, 'storage_bytes', 1000, 'soft', 1), ($3, 'storage_bytes', 1000, 'soft', 1)`,
      [over, under, lastMonth],
    );
    await dataSource.query(
      `INSERT INTO usage_aggregate (tenant_id, metric, granularity, window_start, aggregation, value, events, latest_at) VALUES
         ($1, 'storage_bytes', 'month', '2026-04-01T00:00:00Z', 'latest', 1200, 1, now()),
         ($2, 'storage_bytes', 'month', '2026-04-01T00:00:00Z', 'latest', 500, 1, now()),
         ($3, 'storage_bytes', 'month', '2026-03-01T00:00:00Z', 'latest', 5000, 1, now())`,
      [over, under, lastMonth],
    );

    const raised = await sut.execute(new SweepLimitAlertsCommand());

    expect(raised.map((alert) => [alert.tenantId, alert.kind, alert.periodStart.toISOString(), alert.usage]).sort()).toEqual([
      [over, 'exceeded-hard', '2026-04-01T00:00:00.000Z', '1200'],
      [over, 'threshold-100', '2026-04-01T00:00:00.000Z', '1200'],
      [over, 'threshold-80', '2026-04-01T00:00:00.000Z', '1200'],
    ]);
    expect(await sut.execute(new SweepLimitAlertsCommand())).toEqual([]);
  });
});
