// The cross-tenant usage summary against the real metering process, Kafka and Postgres.
import { RunningService, testKafka, waitFor } from '@tenantry/testing';
import { activeTenant } from './alerts-harness';
import { MeteringClient, startMetering, SummaryBody } from './metering-client';

jest.setTimeout(180_000);

const HOUR_MS = 3_600_000;
const PROBLEM_JSON = 'application/problem+json';

describe('metering usage summary', () => {
  const kafka = testKafka();
  let service: RunningService;
  let api: MeteringClient;

  beforeAll(async () => {
    ({ service, api } = await startMetering({ LATENESS_HOURS: '720' }));
  });

  afterAll(async () => {
    await service?.process.kill('SIGTERM');
  });

  it('answers count, total, percentiles, top N and paged totals of one hour across tenants', async () => {
    // An hour of its own, weeks back, so no other test's usage shares the window.
    const hour = new Date((Math.floor(Date.now() / HOUR_MS) - 300 - Math.floor(Math.random() * 300)) * HOUR_MS);
    const values = ['10', '20', '30', '30', '40', '50.5'];
    const tenants = await Promise.all(values.map(() => activeTenant(kafka, api)));
    const answer = await api.batch(
      tenants.map((tenantId, i) => ({ tenantId, eventId: 'peak', metric: 'concurrent_connections', quantity: values[i], timestamp: new Date(hour.getTime() + 60_000).toISOString() })),
    );
    expect(answer.body.results.every((result) => result.status === 'accepted')).toBe(true);
    const query = { metric: 'concurrent_connections', period: 'hour', at: new Date(hour.getTime() + 30 * 60_000).toISOString() };
    const summary = await waitFor(
      async () => {
        const body = (await api.summary({ ...query, top: '2', limit: '2' })).body;
        return body.tenants === 6 ? body : undefined;
      },
      { timeoutMs: 60_000, what: 'the six tenants to be aggregated' },
    );

    const byValue = tenants.map((tenantId, i) => ({ tenantId, value: values[i] ?? '' })).sort((a, b) => Number(b.value) - Number(a.value) || a.tenantId.localeCompare(b.tenantId));
    expect(summary).toEqual({
      metric: 'concurrent_connections',
      period: 'hour',
      windowStart: hour.toISOString(),
      tenants: 6,
      total: '180.5',
      // Linear interpolation over 10, 20, 30, 30, 40, 50.5.
      percentiles: { p50: '30', p90: '45.25', p95: '47.875', p99: '49.975', max: '50.5' },
      // Every event came through the ingestion API.
      sources: [{ source: 'reported', total: '180.5' }],
      top: byValue.slice(0, 2),
      totals: byValue.slice(0, 2),
      nextCursor: expect.any(String),
    });

    const pages: SummaryBody['totals'][] = [summary.totals];
    let cursor = summary.nextCursor;
    while (cursor) {
      const page = await api.summary({ ...query, limit: '2', cursor });
      expect(page.status).toBe(200);
      pages.push(page.body.totals);
      cursor = page.body.nextCursor;
    }
    expect(pages).toEqual([byValue.slice(0, 2), byValue.slice(2, 4), byValue.slice(4, 6)]);

    // A cursor belongs to its metric and window.
    const elsewhere = await api.request<{ errors: { field: string }[] }>('GET', `/internal/v1/usage/summary?${new URLSearchParams({ ...query, at: new Date(hour.getTime() - HOUR_MS).toISOString(), cursor: summary.nextCursor ?? '' }).toString()}`);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors.map((error) => error.field)).toEqual(['cursor']);
  });

  it('answers an empty window with zero tenants and no percentiles', async () => {
    const answer = await api.summary({ metric: 'concurrent_connections', period: 'hour', at: '2001-01-01T05:30:00Z' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      metric: 'concurrent_connections',
      period: 'hour',
      windowStart: '2001-01-01T05:00:00.000Z',
      tenants: 0,
      total: '0',
      percentiles: { p50: null, p90: null, p95: null, p99: null, max: null },
      sources: [],
      top: [],
      totals: [],
      nextCursor: null,
    });
  });

  it.each([
    [{}, 'metric'],
    [{ metric: 'cpu_seconds' }, 'metric'],
    [{ metric: 'api_calls', period: 'week' }, 'period'],
    [{ metric: 'api_calls', at: 'yesterday' }, 'at'],
    [{ metric: 'api_calls', top: '101' }, 'top'],
    [{ metric: 'api_calls', limit: '0' }, 'limit'],
    [{ metric: 'api_calls', cursor: 'not-a-cursor' }, 'cursor'],
  ])('answers 400 problem+json naming the bad field of %j', async (query, field) => {
    const answer = await api.request<{ type: string; errors: { field: string }[] }>('GET', `/internal/v1/usage/summary?${new URLSearchParams(query).toString()}`);
    expect(answer.status).toBe(400);
    expect(answer.contentType).toContain(PROBLEM_JSON);
    expect(answer.body.type).toBe('https://tenantry.dev/problems/validation-failed');
    expect(answer.body.errors.map((error) => error.field)).toEqual([field]);
  });
});
