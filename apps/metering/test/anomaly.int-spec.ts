// Anomaly detection against the real metering process, Kafka and Postgres: a week of hourly history
// goes in through the ingestion API, and the hourly check judges the last complete hour.
import { RunningService, sleep, testKafka, waitFor } from '@tenantry/testing';
import { activeTenant, alertsOf } from './alerts-harness';
import { MeteringClient, pointsOf, startMetering } from './metering-client';

jest.setTimeout(240_000);

const HOUR_MS = 3_600_000;
/** The data must go in clear of the turn of the hour: a test that starts later than this into an hour waits for the next one. */
const HOUR_TURN_GUARD_MS = 4 * 60_000;

describe('metering anomaly detection', () => {
  const kafka = testKafka();
  let service: RunningService;
  let api: MeteringClient;

  beforeAll(async () => {
    ({ service, api } = await startMetering({ LATENESS_HOURS: '720', ANOMALY_CHECK_INTERVAL_MS: '1000' }));
  });

  afterAll(async () => {
    await service?.process.kill('SIGTERM');
  });

  /** Events of one tenant, one per hour at half past: `values[i]` in the hour `i` hours before `hour`, counting from 1. */
  function history(tenantId: string, hour: Date, values: number[]): unknown[] {
    return values.map((value, i) => ({
      tenantId,
      eventId: `h-${i + 1}`,
      metric: 'api_calls',
      quantity: String(value),
      timestamp: new Date(hour.getTime() - (i + 1) * HOUR_MS + HOUR_MS / 2).toISOString(),
    }));
  }

  async function hoursRecorded(tenantId: string, hour: Date, count: number): Promise<void> {
    const query = { granularity: 'hour', metric: 'api_calls', from: new Date(hour.getTime() - 170 * HOUR_MS).toISOString(), to: new Date(hour.getTime() + HOUR_MS).toISOString() };
    await waitFor(async () => pointsOf((await api.usage(tenantId, query)).body, 'api_calls').length === count, { timeoutMs: 60_000, what: `${count} hours of ${tenantId}` });
  }

  it('fires on a spike against the tenant baseline, and stays quiet on steady, slowly growing and young traffic', async () => {
    // The check looks at the last complete hour: keep clear of the turn of the hour while the data goes in.
    if (Date.now() % HOUR_MS > HOUR_MS - HOUR_TURN_GUARD_MS) await sleep(HOUR_MS - (Date.now() % HOUR_MS) + 5_000);
    const hour = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS);
    const [spiky, steady, growing, young] = await Promise.all([activeTenant(kafka, api), activeTenant(kafka, api), activeTenant(kafka, api), activeTenant(kafka, api)]);
    const noisy = Array.from({ length: 168 }, (_, i) => (i % 2 === 0 ? 90 : 110));
    const rising = Array.from({ length: 168 }, (_, i) => 267 - i);

    const week = await api.batch([...history(spiky, hour, noisy), ...history(steady, hour, noisy), ...history(growing, hour, rising), ...history(young, hour, Array.from({ length: 10 }, () => 10))]);
    expect(week.body.results.every((result) => result.status === 'accepted')).toBe(true);
    await Promise.all([hoursRecorded(spiky, hour, 168), hoursRecorded(steady, hour, 168), hoursRecorded(growing, hour, 168), hoursRecorded(young, hour, 10)]);

    // The quiet ones' last hour is in before the spike, so the check that sees the spike has judged them too.
    const inHour = new Date(hour.getTime() + HOUR_MS / 2).toISOString();
    const lastHour = await api.batch([
      { tenantId: steady, eventId: 'now', metric: 'api_calls', quantity: '112', timestamp: inHour },
      { tenantId: growing, eventId: 'now', metric: 'api_calls', quantity: '270', timestamp: inHour },
      { tenantId: young, eventId: 'now', metric: 'api_calls', quantity: '1000', timestamp: inHour },
    ]);
    expect(lastHour.body.results.every((result) => result.status === 'accepted')).toBe(true);
    await Promise.all([hoursRecorded(steady, hour, 169), hoursRecorded(growing, hour, 169), hoursRecorded(young, hour, 11)]);
    expect((await api.one(spiky, { eventId: 'now', metric: 'api_calls', quantity: '1000', timestamp: inHour })).body.results[0]?.status).toBe('accepted');

    const alerts = await alertsOf(kafka, [spiky, steady, growing, young], (all) => all.length >= 1, 4_000);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.type).toBe('UnusualUsageDetected');
    expect(alerts[0]?.payload).toMatchObject({ tenantId: spiky, metric: 'api_calls', hourStart: hour.toISOString(), observed: 1000, baselineMean: 100, baselineStdDev: 10, baselineMedian: 100 });
    // The wait for the next hour comes on top of the test's own time.
  }, HOUR_TURN_GUARD_MS + 5_000 + 240_000);
});
