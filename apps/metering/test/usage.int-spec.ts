// Ingestion, aggregation and the read API against the real metering process, Kafka and Postgres.
import { randomUUID } from 'node:crypto';
import { TOPICS } from '@tenantry/contracts';
import { caughtUp, eventMessage, internalAuthHeaders, produce, resetGroupToEarliest, RunningService, sleep, startService, testKafka, waitFor } from '@tenantry/testing';
import { USAGE_GRANULARITIES } from '@tenantry/usage-api';
import { currentValue, MeteringClient, pointsOf, startMetering, UsageBody } from './metering-client';
import { activeTenant as activeTenantIn, publishCollected } from './alerts-harness';

jest.setTimeout(180_000);

const HOUR_MS = 3_600_000;
const AGGREGATES_GROUP = 'metering.aggregates';
const PROBLEM_JSON = 'application/problem+json';

function hourStart(at: Date): string {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS).toISOString();
}

function dayStart(at: Date): string {
  return `${at.toISOString().slice(0, 10)}T00:00:00.000Z`;
}

describe('metering usage', () => {
  const kafka = testKafka();
  let service: RunningService;
  let api: MeteringClient;

  async function start(): Promise<void> {
    ({ service, api } = await startMetering());
  }

  beforeAll(start);

  afterAll(async () => {
    await service?.process.kill('SIGTERM');
  });

  /** A tenant metering knows as active: ingestion stops answering unknown-tenant (probed with an event it rejects anyway). */
  const activeTenant = (): Promise<string> => activeTenantIn(kafka, api);


  async function usageSettles(tenantId: string, expected: (body: UsageBody) => boolean, query: Record<string, string> = {}): Promise<UsageBody> {
    return waitFor(
      async () => {
        const answer = await api.usage(tenantId, query);
        return answer.status === 200 && expected(answer.body) ? answer.body : undefined;
      },
      { timeoutMs: 60_000, what: `usage of ${tenantId} to settle` },
    );
  }

  const now = () => new Date().toISOString();
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  it('accepts the good events of a batch, reports each bad one by index and reason, and counts decimals exactly', async () => {
    const tenantId = await activeTenant();
    const stranger = randomUUID();

    const answer = await api.batch([
      { tenantId, eventId: 'a', metric: 'api_calls', quantity: '0.1', timestamp: now() },
      { tenantId, eventId: 'b', metric: 'api_calls', quantity: '0.2', timestamp: now() },
      { tenantId, eventId: 'c', metric: 'cpu_seconds', quantity: '1', timestamp: now() },
      { tenantId, eventId: 'd', metric: 'api_calls', quantity: '-5', timestamp: now() },
      { tenantId, eventId: 'e', metric: 'api_calls', quantity: '1', timestamp: new Date(Date.now() + 10 * 60_000).toISOString() },
      { tenantId, eventId: 'f', metric: 'api_calls', quantity: '1', timestamp: new Date(Date.now() - 80 * HOUR_MS).toISOString() },
      { tenantId: stranger, eventId: 'g', metric: 'api_calls', quantity: '1', timestamp: now() },
      { tenantId, eventId: 'h', metric: 'api_calls', quantity: 0.5, timestamp: now() },
      { tenantId, eventId: 'i', metric: 'bandwidth_bytes', quantity: 1000, timestamp: now() },
      { tenantId, eventId: 'j', metric: 'storage_bytes', quantity: '0', timestamp: now() },
      { tenantId, eventId: 'k', metric: 'database_bytes', quantity: '0', timestamp: now() },
      { tenantId, eventId: 'l', metric: 'active_users', quantity: 1, timestamp: now(), properties: { userId: 'ann' } },
    ]);

    expect(answer.status).toBe(202);
    expect(answer.body.results).toEqual([
      { index: 0, eventId: 'a', status: 'accepted' },
      { index: 1, eventId: 'b', status: 'accepted' },
      { index: 2, eventId: 'c', status: 'rejected', reason: 'unknown-metric' },
      { index: 3, eventId: 'd', status: 'rejected', reason: 'invalid-quantity' },
      { index: 4, eventId: 'e', status: 'rejected', reason: 'timestamp-in-future' },
      { index: 5, eventId: 'f', status: 'rejected', reason: 'timestamp-too-late' },
      { index: 6, eventId: 'g', status: 'rejected', reason: 'unknown-tenant' },
      { index: 7, eventId: 'h', status: 'rejected', reason: 'invalid-quantity' },
      { index: 8, eventId: 'i', status: 'accepted' },
      { index: 9, eventId: 'j', status: 'rejected', reason: 'metric-not-writable' },
      { index: 10, eventId: 'k', status: 'rejected', reason: 'metric-not-writable' },
      { index: 11, eventId: 'l', status: 'rejected', reason: 'metric-not-writable' },
    ]);
    const usage = await usageSettles(tenantId, (body) => currentValue(body, 'api_calls') === '0.3' && currentValue(body, 'bandwidth_bytes') === '1000');
    expect(currentValue(usage, 'storage_bytes')).toBe('0');
    expect(currentValue(usage, 'active_users')).toBe('0');
    expect(pointsOf(usage, 'api_calls')).toEqual([{ windowStart: dayStart(new Date()), value: '0.3' }]);
    expect((await api.usage(stranger)).status).toBe(404);
  });

  it('answers 401 without a gateway token for metering and records nothing; health stays open, metrics are on the management port', async () => {
    const tenantId = await activeTenant();
    const flood = { tenantId, eventId: 'flood', metric: 'api_calls', quantity: '1000000', timestamp: now() };
    const refusals = [
      { authorization: '' },
      { authorization: '', 'x-tenantry-actor': 'key:forged', 'x-tenantry-role': 'platform-admin' },
      internalAuthHeaders({ audience: 'tenant-registry' }),
      internalAuthHeaders({ audience: 'metering', issuedAt: new Date(Date.now() - 120_000) }),
    ];
    for (const headers of refusals) {
      const write = await api.request<{ type: string }>('POST', '/internal/v1/usage/batch', { events: [flood] }, headers);
      expect([write.status, write.contentType, write.body.type]).toEqual([401, expect.stringContaining(PROBLEM_JSON), 'https://tenantry.dev/problems/unauthenticated']);
      expect((await api.request('POST', `/internal/v1/tenants/${tenantId}/usage`, flood, headers)).status).toBe(401);
      expect((await api.request('GET', `/internal/v1/tenants/${tenantId}/usage`, undefined, headers)).status).toBe(401);
      expect((await api.request('GET', '/internal/v1/usage/summary?metric=api_calls', undefined, headers)).status).toBe(401);
    }
    // Never counted: the same event id is new to metering, and the total is that one event's.
    expect((await api.batch([{ ...flood, quantity: '1' }])).body.results).toEqual([{ index: 0, eventId: 'flood', status: 'accepted' }]);
    await usageSettles(tenantId, (body) => currentValue(body, 'api_calls') === '1');
    for (const open of ['/health/live', '/health/ready']) expect((await fetch(`${service.url}${open}`)).status).toBe(200);
    expect((await fetch(`${service.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${service.managementUrl}/metrics`)).status).toBe(200);
  });

  it('reports events already counted as duplicates and leaves the aggregates as they were', async () => {
    const tenantId = await activeTenant();
    const events = [
      { tenantId, eventId: 'x', metric: 'api_calls', quantity: '2', timestamp: now() },
      { tenantId, eventId: 'y', metric: 'api_calls', quantity: 3, timestamp: now() },
    ];
    expect((await api.batch(events)).body.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const before = await usageSettles(tenantId, (body) => currentValue(body, 'api_calls') === '5');

    const again = await api.batch(events);
    const single = await api.one(tenantId, { eventId: 'x', metric: 'api_calls', quantity: '2', timestamp: now() });

    expect(again.status).toBe(202);
    expect(again.body.results).toEqual([
      { index: 0, eventId: 'x', status: 'duplicate' },
      { index: 1, eventId: 'y', status: 'duplicate' },
    ]);
    expect(single.body.results).toEqual([{ index: 0, eventId: 'x', status: 'duplicate' }]);
    await sleep(1_500);
    expect((await api.usage(tenantId)).body).toEqual(before);
  });

  it('puts a late event in the hour and day windows of its own timestamp', async () => {
    const tenantId = await activeTenant();
    const late = new Date(Date.now() - 30 * HOUR_MS);

    expect((await api.one(tenantId, { eventId: 'late', metric: 'api_calls', quantity: '7', timestamp: late.toISOString() })).body.results[0]?.status).toBe('accepted');

    const hourly = await usageSettles(tenantId, (body) => pointsOf(body, 'api_calls').length > 0, { granularity: 'hour', from: new Date(late.getTime() - 2 * HOUR_MS).toISOString(), metric: 'api_calls' });
    expect(pointsOf(hourly, 'api_calls')).toEqual([{ windowStart: hourStart(late), value: '7' }]);
    const daily = await api.usage(tenantId, { granularity: 'day', from: new Date(late.getTime() - 48 * HOUR_MS).toISOString(), metric: 'api_calls' });
    expect(pointsOf(daily.body, 'api_calls')).toEqual([{ windowStart: dayStart(late), value: '7' }]);
  });

  // The gauges and active users are the collectors' (the API refuses them): published as the collector records them.
  it('aggregates each metric its own way: sum, max, latest and unique', async () => {
    const tenantId = await activeTenant();
    const reading = (eventId: string, metric: string, timestamp: string, quantity = '1', userId?: string) => ({ tenantId, eventId, metric, quantity, timestamp, ...(userId ? { properties: { userId } } : {}) });
    const first = await api.batch([
      { tenantId, eventId: 'm1', metric: 'concurrent_connections', quantity: '5', timestamp: minutesAgo(3) },
      { tenantId, eventId: 'm2', metric: 'concurrent_connections', quantity: '9', timestamp: minutesAgo(2) },
      { tenantId, eventId: 'b1', metric: 'bandwidth_bytes', quantity: '1.5', timestamp: minutesAgo(1) },
    ]);
    expect(first.body.results.every((r) => r.status === 'accepted')).toBe(true);
    await publishCollected(kafka, [
      reading('s1', 'storage_bytes', minutesAgo(1), '700'),
      reading('u1', 'active_users', minutesAgo(3), '1', 'ann'),
      reading('u2', 'active_users', minutesAgo(2), '1', 'bob'),
      reading('u3', 'active_users', minutesAgo(1), '1', 'ann'),
    ]);
    await usageSettles(tenantId, (body) => currentValue(body, 'storage_bytes') === '700' && currentValue(body, 'active_users') === '2' && currentValue(body, 'concurrent_connections') === '9' && currentValue(body, 'bandwidth_bytes') === '1.5');

    // Older gauge readings arrive late: the latest by timestamp stays. A smaller peak changes no maximum.
    const second = await api.batch([
      { tenantId, eventId: 'm3', metric: 'concurrent_connections', quantity: '3', timestamp: minutesAgo(1) },
      { tenantId, eventId: 'b2', metric: 'bandwidth_bytes', quantity: '2.25', timestamp: minutesAgo(1) },
    ]);
    expect(second.body.results.every((r) => r.status === 'accepted')).toBe(true);
    await publishCollected(kafka, [
      reading('s2', 'storage_bytes', minutesAgo(2), '500'),
      reading('s3', 'storage_bytes', minutesAgo(3), '900'),
      reading('u4', 'active_users', minutesAgo(1), '1', 'bob'),
      reading('u5', 'active_users', minutesAgo(1), '1', 'cid'),
    ]);

    const usage = await usageSettles(tenantId, (body) => currentValue(body, 'bandwidth_bytes') === '3.75' && currentValue(body, 'active_users') === '3');
    await waitFor(() => caughtUp(kafka, AGGREGATES_GROUP, TOPICS.METERING_USAGE.name), { timeoutMs: 60_000, intervalMs: 250, what: 'the aggregates group to catch up' });
    expect(currentValue((await api.usage(tenantId)).body, 'storage_bytes')).toBe('700');
    expect(currentValue(usage, 'concurrent_connections')).toBe('9');
    const monthly = await api.usage(tenantId, { granularity: 'month' });
    expect(pointsOf(monthly.body, 'active_users').at(-1)?.value).toBe('3');
  });

  // Issue 9, finding 3: one key space for every source let a client take the collector's (predictable) ids.
  it("keeps every source's event ids apart, and counts a measured metric only from the collector", async () => {
    const tenantId = await activeTenant();
    const at = minutesAgo(1);
    const collectorId = `collector:storage_bytes:${new Date(Date.now() + 60_000).toISOString()}`;

    // A client's event under the id the collector will use next: its own, and accepted.
    expect((await api.one(tenantId, { eventId: collectorId, metric: 'api_calls', quantity: '4', timestamp: at })).body.results).toEqual([{ index: 0, eventId: collectorId, status: 'accepted' }]);
    await usageSettles(tenantId, (body) => currentValue(body, 'api_calls') === '4');
    // On the stream, a measured metric from any source but the collector is not counted (ingestion never sends one).
    await produce(kafka, TOPICS.METERING_USAGE.name, [eventMessage('UsageRecorded', { tenantId, eventId: 'forged', metric: 'storage_bytes', quantity: '1', timestamp: now(), source: 'api' })]);
    await publishCollected(kafka, [{ tenantId, eventId: collectorId, metric: 'storage_bytes', quantity: '123456', timestamp: at }]);

    await usageSettles(tenantId, (body) => currentValue(body, 'storage_bytes') === '123456');
    await waitFor(() => caughtUp(kafka, AGGREGATES_GROUP, TOPICS.METERING_USAGE.name), { timeoutMs: 60_000, intervalMs: 250, what: 'the aggregates group to catch up' });
    const usage = (await api.usage(tenantId)).body;
    expect(currentValue(usage, 'storage_bytes')).toBe('123456');
    expect(currentValue(usage, 'api_calls')).toBe('4');
    // And a client's id is still deduplicated against the client's own.
    expect((await api.one(tenantId, { eventId: collectorId, metric: 'api_calls', quantity: '4', timestamp: at })).body.results[0]?.status).toBe('duplicate');
  });

  it('answers 400 validation-failed naming the fields of a malformed batch', async () => {
    const notArray = await api.request<{ type: string; errors: { field: string }[] }>('POST', '/internal/v1/usage/batch', { events: 'nope' });
    expect(notArray.status).toBe(400);
    expect(notArray.contentType).toContain(PROBLEM_JSON);
    expect(notArray.body.type).toBe('https://tenantry.dev/problems/validation-failed');
    expect(notArray.body.errors.map((e) => e.field)).toContain('events');

    const tooMany = await api.batch(Array.from({ length: 1_001 }, (_, i) => ({ tenantId: randomUUID(), eventId: `e${i}`, metric: 'api_calls', quantity: '1', timestamp: now() })));
    expect(tooMany.status).toBe(400);

    const wrongTypes = await api.request<{ errors: { field: string }[] }>('POST', '/internal/v1/usage/batch', { events: [{ tenantId: 1, eventId: 'a', metric: 'api_calls', quantity: true, timestamp: now() }] });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['events.0.tenantId', 'events.0.quantity']));
  });

  it('answers 503 problem+json and records nothing when Kafka does not acknowledge', async () => {
    const tenantId = await activeTenant();
    // A second instance on the same database whose broker is unreachable.
    const cut = await startService('metering', { KAFKA_BROKERS: '127.0.0.1:1', PUBLISH_TIMEOUT_MS: '1500', PARTITION_MAINTENANCE_INTERVAL_MS: '3600000' });
    try {
      const answer = await new MeteringClient(cut.url).one(tenantId, { eventId: 'k1', metric: 'api_calls', quantity: '1', timestamp: now() });
      expect(answer.status).toBe(503);
      expect(answer.contentType).toContain(PROBLEM_JSON);
      expect((answer.body as unknown as { type: string }).type).toBe('https://tenantry.dev/problems/ingestion-unavailable');
    } finally {
      await cut.process.kill('SIGKILL');
    }
    // Nothing was counted, so the same event is new to a healthy instance.
    expect((await api.one(tenantId, { eventId: 'k1', metric: 'api_calls', quantity: '1', timestamp: now() })).body.results[0]?.status).toBe('accepted');
  });

  // A client retry whose timestamp moved past midnight UTC, published before the first copy was
  // counted: ingestion cannot tell (nothing is counted yet) and the day-partitioned key cannot
  // either. Produced straight to the stream, as such a race would deliver them.
  it('counts an eventId once when its copies carry timestamps on two UTC days', async () => {
    const tenantId = await activeTenant();
    const midnight = new Date(dayStart(new Date())).getTime();
    const beforeMidnight = new Date(midnight - 1_000).toISOString();
    const afterMidnight = new Date(midnight + 1_000).toISOString();
    const copy = (eventId: string, quantity: string, timestamp: string) => eventMessage('UsageRecorded', { tenantId, eventId, metric: 'api_calls', quantity, timestamp, source: 'api' });
    const daily = { granularity: 'day', from: new Date(midnight - 48 * HOUR_MS).toISOString(), metric: 'api_calls' };
    const expected = [
      { windowStart: new Date(midnight - 24 * HOUR_MS).toISOString(), value: '5' },
      { windowStart: new Date(midnight).toISOString(), value: '7' },
    ];

    await produce(kafka, TOPICS.METERING_USAGE.name, [copy('midnight-1', '5', beforeMidnight), copy('midnight-1', '5', afterMidnight), copy('midnight-2', '7', afterMidnight)]);
    await usageSettles(tenantId, (body) => pointsOf(body, 'api_calls').length === 2, daily);
    // And a copy of an event counted in an earlier batch.
    await produce(kafka, TOPICS.METERING_USAGE.name, [copy('midnight-2', '7', beforeMidnight)]);
    await waitFor(() => caughtUp(kafka, AGGREGATES_GROUP, TOPICS.METERING_USAGE.name), { timeoutMs: 60_000, intervalMs: 250, what: 'the aggregates group to catch up' });

    expect(pointsOf((await api.usage(tenantId, daily)).body, 'api_calls')).toEqual(expected);
  });

  it('changes no aggregate when the usage stream is delivered again', async () => {
    const tenantId = await activeTenant();
    const events = [{ tenantId, eventId: 'r1', metric: 'api_calls', quantity: '0.7', timestamp: minutesAgo(2) }];
    const readings = [
      { tenantId, eventId: 'r2', metric: 'storage_bytes', quantity: '42', timestamp: minutesAgo(1) },
      { tenantId, eventId: 'r3', metric: 'active_users', quantity: '1', timestamp: minutesAgo(1), properties: { userId: 'ann' } },
    ];
    await api.batch(events);
    await publishCollected(kafka, readings);
    await usageSettles(tenantId, (body) => currentValue(body, 'api_calls') === '0.7' && currentValue(body, 'storage_bytes') === '42' && currentValue(body, 'active_users') === '1');
    const before = await Promise.all(USAGE_GRANULARITIES.map(async (granularity) => (await api.usage(tenantId, { granularity })).body));

    await service.process.kill('SIGTERM');
    await resetGroupToEarliest(AGGREGATES_GROUP, TOPICS.METERING_USAGE.name);
    // The same usage once more under new CloudEvents ids: the inbox cannot recognise these, the dedup table must.
    await produce(
      kafka,
      TOPICS.METERING_USAGE.name,
      [...events.map((event) => eventMessage('UsageRecorded', { ...event, source: 'api' })), ...readings.map((reading) => eventMessage('UsageRecorded', { ...reading, source: 'collector' }))],
    );
    await start();
    await waitFor(() => caughtUp(kafka, AGGREGATES_GROUP, TOPICS.METERING_USAGE.name), { timeoutMs: 150_000, intervalMs: 500, what: 'the aggregates group to catch up' });

    const after = await Promise.all(USAGE_GRANULARITIES.map(async (granularity) => (await api.usage(tenantId, { granularity })).body));
    expect(after).toEqual(before);
  });
});
