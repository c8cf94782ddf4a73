// Usage sources (issue 13, part 2) against the real metering process, Kafka and Postgres: every
// source's usage is kept apart and shown, and only the sources a meter counts reach its limits.
import { randomUUID } from 'node:crypto';
import { ApiUsageSampledPayload, TOPICS } from '@tenantry/contracts';
import { eventMessage, produce, RunningService, testKafka, waitFor } from '@tenantry/testing';
import { activeTenant, alertsOf, changeLimits, describeAlert, limitApplied } from './alerts-harness';
import { MeteringClient, startMetering, UsageBody } from './metering-client';

jest.setTimeout(240_000);

interface SourcedEntry {
  metric: string;
  value: string;
  countedSources?: string[];
  sources?: { source: string; value: string; counted: boolean }[];
}

const entryOf = (body: UsageBody, metric: string) => (body.current as SourcedEntry[]).find((entry) => entry.metric === metric);

describe('metering usage sources', () => {
  const kafka = testKafka();
  let service: RunningService;
  let api: MeteringClient;
  const thisMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)).toISOString();

  beforeAll(async () => {
    // A platform whose gateway measures the API calls it bills: clients' reports are shown, not counted.
    ({ service, api } = await startMetering({ COUNTED_SOURCES: 'api_calls=gateway' }));
  });

  afterAll(async () => {
    await service?.process.kill('SIGTERM');
  });

  function sample(tenantId: string, apiCalls: number, bytes: number): ApiUsageSampledPayload {
    const windowEnd = new Date();
    return { tenantId, windowStart: new Date(windowEnd.getTime() - 5_000).toISOString(), windowEnd: windowEnd.toISOString(), apiCalls, requestBytes: 0, responseBytes: bytes };
  }

  it('keeps reported and gateway usage apart, and only the counted source reaches the limit', async () => {
    const tenantId = await activeTenant(kafka, api);
    await changeLimits(kafka, tenantId, 1, [
      { metric: 'api_calls', limit: '20', mode: 'soft' },
      { metric: 'bandwidth_bytes', limit: '1000', mode: 'soft' },
    ]);
    await limitApplied(api, tenantId, 'api_calls', '20', 'soft');

    // 50 calls reported by a client: far over the limit of 20, but api_calls counts the gateway only.
    const reported = await api.batch([
      { tenantId, eventId: randomUUID(), metric: 'api_calls', quantity: '50', timestamp: new Date().toISOString() },
      { tenantId, eventId: randomUUID(), metric: 'bandwidth_bytes', quantity: '300', timestamp: new Date().toISOString() },
    ]);
    expect(reported.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const afterReport = await waitFor(
      async () => {
        const body = (await api.usage(tenantId)).body;
        return entryOf(body, 'api_calls')?.sources?.some((s) => s.source === 'reported') && entryOf(body, 'bandwidth_bytes')?.value === '300' ? body : undefined;
      },
      { timeoutMs: 60_000, what: 'the reported usage to be aggregated' },
    );
    expect(entryOf(afterReport, 'api_calls')).toMatchObject({ value: '0', countedSources: ['gateway'], sources: [{ source: 'reported', value: '50', counted: false }] });
    // bandwidth_bytes keeps its default (every source that may record it counts).
    expect(entryOf(afterReport, 'bandwidth_bytes')).toMatchObject({ value: '300', countedSources: ['reported', 'gateway'], sources: [{ source: 'reported', value: '300', counted: true }] });

    // The gateway's sampling: 18 calls, then 4 more, and 800 bytes.
    await produce(kafka, TOPICS.GATEWAY_API_USAGE.name, [eventMessage('ApiUsageSampled', sample(tenantId, 18, 800))]);
    await waitFor(async () => entryOf((await api.usage(tenantId)).body, 'api_calls')?.value === '18', { timeoutMs: 60_000, what: 'the gateway sample to be counted' });
    await produce(kafka, TOPICS.GATEWAY_API_USAGE.name, [eventMessage('ApiUsageSampled', sample(tenantId, 4, 0))]);
    const settled = await waitFor(
      async () => {
        const body = (await api.usage(tenantId)).body;
        return entryOf(body, 'api_calls')?.value === '22' ? body : undefined;
      },
      { timeoutMs: 60_000, what: 'the second gateway sample to be counted' },
    );
    expect(entryOf(settled, 'api_calls')).toMatchObject({
      value: '22',
      sources: [
        { source: 'gateway', value: '22', counted: true },
        { source: 'reported', value: '50', counted: false },
      ],
    });
    expect(entryOf(settled, 'bandwidth_bytes')).toMatchObject({
      value: '1100',
      sources: [
        { source: 'gateway', value: '800', counted: true },
        { source: 'reported', value: '300', counted: true },
      ],
    });

    // The alerts follow the counted figure: 18 reached 80 % of 20, 22 exceeded it. The 50 reported
    // calls alone raised nothing (had they counted, all three would carry usage 50).
    const alerts = await alertsOf(kafka, [tenantId], (all) => all.length >= 6);
    expect(alerts.map(describeAlert).sort()).toEqual(
      [
        `api_calls ${thisMonth} 100% of 20`,
        `api_calls ${thisMonth} 80% of 20`,
        `api_calls ${thisMonth} exceeded 20 soft`,
        `bandwidth_bytes ${thisMonth} 100% of 1000`,
        `bandwidth_bytes ${thisMonth} 80% of 1000`,
        `bandwidth_bytes ${thisMonth} exceeded 1000 soft`,
      ].sort(),
    );
    expect(alerts.filter((a) => a.payload['metric'] === 'api_calls').map((a) => a.payload['usage'])).toEqual(['18', '22', '22']);

    // The summary shows each source's total beside the counted total.
    const summary = await api.summary({ metric: 'api_calls', period: 'month' });
    expect(summary.status).toBe(200);
    const sources = (summary.body as unknown as { sources: { source: string; total: string }[] }).sources;
    expect(sources.map((s) => s.source)).toEqual(expect.arrayContaining(['gateway', 'reported']));
    expect(Number(sources.find((s) => s.source === 'reported')?.total)).toBeGreaterThanOrEqual(50);
  });
});
