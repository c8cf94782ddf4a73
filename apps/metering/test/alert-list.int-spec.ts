// The alerts read route against the real metering process, Kafka and Postgres: a tenant's alerts as
// they were raised, newest first, a bounded page, nothing of another tenant's, bad queries named.
import { randomUUID } from 'node:crypto';
import { RunningService, testKafka, waitFor } from '@tenantry/testing';
import { activeTenant, changeLimits, limitApplied } from './alerts-harness';
import { currentValue, MeteringClient, startMetering } from './metering-client';

jest.setTimeout(240_000);

describe('metering alerts list', () => {
  const kafka = testKafka();
  let service: RunningService;
  let api: MeteringClient;
  const tenant = randomUUID();
  const neighbour = randomUUID();

  beforeAll(async () => {
    ({ service, api } = await startMetering());
    await activeTenant(kafka, api, tenant);
    await activeTenant(kafka, api, neighbour);
  });

  afterAll(async () => {
    await service?.process.kill('SIGTERM');
  });

  async function record(tenantId: string, quantity: string, expectedTotal: string): Promise<void> {
    const answer = await api.one(tenantId, { eventId: randomUUID(), metric: 'api_calls', quantity, timestamp: new Date().toISOString() });
    expect(answer.body.results[0]?.status).toBe('accepted');
    await waitFor(async () => currentValue((await api.usage(tenantId)).body, 'api_calls') === expectedTotal, { timeoutMs: 60_000, what: `api_calls of ${tenantId} to be ${expectedTotal}` });
  }

  it("lists a tenant's alerts newest first, with threshold, level, limit and usage, and none of its neighbour's", async () => {
    await changeLimits(kafka, tenant, 1, [{ metric: 'api_calls', limit: '100', mode: 'hard' }]);
    await changeLimits(kafka, neighbour, 1, [{ metric: 'api_calls', limit: '10', mode: 'soft' }]);
    await limitApplied(api, tenant, 'api_calls', '100', 'hard');
    await limitApplied(api, neighbour, 'api_calls', '10', 'soft');
    expect((await api.alerts(tenant)).body).toEqual({ tenantId: tenant, alerts: [] });

    await record(tenant, '85', '85');
    await record(tenant, '20', '105');
    await record(neighbour, '50', '50');

    const answer = await waitFor(
      async () => {
        const read = await api.alerts(tenant);
        return read.body.alerts.length >= 3 ? read : undefined;
      },
      { timeoutMs: 60_000, what: "the tenant's three alerts" },
    );
    expect(answer.status).toBe(200);
    const [newest, middle, oldest] = answer.body.alerts;
    expect(answer.body.alerts).toHaveLength(3);
    // 100 % and exceeded are raised by the same batch (same raised_at); the 80 % one came first.
    expect([newest, middle].map((alert) => alert?.kind).sort()).toEqual(['exceeded-hard', 'threshold-100']);
    expect(oldest).toMatchObject({ metric: 'api_calls', kind: 'threshold-80', thresholdPercent: 80, level: 'hard', limit: '100', usage: '85' });
    expect(answer.body.alerts.find((alert) => alert.kind === 'exceeded-hard')).toMatchObject({ thresholdPercent: null, level: 'hard', usage: '105' });
    expect(Date.parse(oldest?.raisedAt ?? '')).toBeLessThanOrEqual(Date.parse(newest?.raisedAt ?? ''));
    expect(answer.body.alerts.every((alert) => alert.limit === '100')).toBe(true);

    const neighbours = await waitFor(
      async () => {
        const read = await api.alerts(neighbour);
        return read.body.alerts.length >= 3 ? read : undefined;
      },
      { timeoutMs: 60_000, what: "the neighbour's alerts" },
    );
    expect(neighbours.body.alerts.map((alert) => [alert.limit, alert.level]).every(([limit, level]) => limit === '10' && level === 'soft')).toBe(true);
  });

  it('answers a page of the newest, and only those raised from a moment on', async () => {
    const all = (await api.alerts(tenant)).body.alerts;
    expect((await api.alerts(tenant, { limit: '1' })).body.alerts).toEqual(all.slice(0, 1));
    expect((await api.alerts(tenant, { from: all[2]?.raisedAt ?? '' })).body.alerts).toHaveLength(3);
    expect((await api.alerts(tenant, { from: new Date(Date.now() + 60_000).toISOString() })).body.alerts).toEqual([]);
  });

  it('answers 404 for a tenant metering does not know', async () => {
    const answer = await api.alerts(randomUUID());
    expect(answer.status).toBe(404);
    expect((answer.body as unknown as { type: string }).type).toBe('https://tenantry.dev/problems/tenant-not-found');
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '201' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ from: 'yesterday' }, 'from'],
  ])('answers 400 problem+json naming the bad field of %j', async (query, field) => {
    const answer = await api.request<{ type: string; errors: { field: string }[] }>('GET', `/internal/v1/tenants/${tenant}/usage/alerts?${new URLSearchParams(query).toString()}`);
    expect(answer.status).toBe(400);
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer.body.type).toBe('https://tenantry.dev/problems/validation-failed');
    expect(new Set(answer.body.errors.map((error) => error.field))).toEqual(new Set([field]));
  });
});
