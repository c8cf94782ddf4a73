// The usage routes through the gateway to the real metering process: recording (one and batches),
// reading, the summary, tenant scoping, validation at the door, the audit and metering being down.
import { randomUUID } from 'node:crypto';
import { TOPICS } from '@tenantry/contracts';
import { eventMessage, internalAuthHeaders, produce, RunningService, startService, testKafka, waitFor, waitUntilReady } from '@tenantry/testing';
import { FakeUpstream } from './support/fake-upstream';
import { fakeTenantView, GatewayClient, problemType, startGateway } from './support/gateway-client';

jest.setTimeout(180_000);

interface Results {
  results: { index: number; eventId: string; status: string; reason?: string }[];
}

describe('gateway usage routes', () => {
  const kafka = testKafka();
  let metering: RunningService;
  /** Stands in for the registry, which the gateway asks whether a tenant-admin key's tenant exists. */
  let registry: FakeUpstream;
  let gateway: GatewayClient;
  let tenant: string;
  let neighbour: string;

  const now = () => new Date().toISOString();
  const event = (eventId: string, metric = 'api_calls', quantity: unknown = '10') => ({ eventId, metric, quantity, timestamp: now() });

  async function activeTenant(): Promise<string> {
    const tenantId = randomUUID();
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantActivated', { tenantId, from: 'provisioning', to: 'active', actor: 'int-test', at: now() })]);
    await waitFor(async () => (await fetch(`${metering.url}/internal/v1/tenants/${tenantId}/usage`, { headers: internalAuthHeaders({ audience: 'metering' }) })).status === 200, { timeoutMs: 60_000, what: 'metering to know the tenant' });
    registry.on((request) => (request.method === 'GET' && request.url === `/internal/v1/tenants/${tenantId}` ? { status: 200, body: fakeTenantView(tenantId) } : undefined));
    return tenantId;
  }

  function current(body: Record<string, unknown>, metric: string): string | undefined {
    return (body['current'] as { metric: string; value: string }[] | undefined)?.find((entry) => entry.metric === metric)?.value;
  }

  beforeAll(async () => {
    metering = await startService('metering', { PARTITION_MAINTENANCE_INTERVAL_MS: '3600000' });
    await waitUntilReady(metering);
    // API usage sampling is the subject of api-usage.int-spec.ts; here it would add to the tenants' usage.
    registry = await new FakeUpstream().start();
    gateway = await startGateway({ METERING_URL: metering.url, REGISTRY_URL: registry.url, API_USAGE_SAMPLE_INTERVAL_MS: '3600000' });
    [tenant, neighbour] = [await activeTenant(), await activeTenant()];
  });

  afterAll(async () => {
    await gateway?.stop();
    await registry?.stop();
    await metering?.process.kill('SIGTERM');
  });

  it('records one event for a tenant and reads it back', async () => {
    const recorded = await gateway.call('POST', `/tenants/${tenant}/usage`, { body: event('one', 'bandwidth_bytes', '2048') });
    expect(recorded.status).toBe(202);
    expect(recorded.body).toEqual({ results: [{ index: 0, eventId: 'one', status: 'accepted' }] });

    const usage = await waitFor(
      async () => {
        const read = await gateway.call('GET', `/tenants/${tenant}/usage?granularity=day&metric=bandwidth_bytes`);
        return read.status === 200 && current(read.body, 'bandwidth_bytes') === '2048' ? read : undefined;
      },
      { timeoutMs: 60_000, what: 'the event to be counted' },
    );
    expect(usage.body).toMatchObject({ tenantId: tenant, granularity: 'day', series: [{ metric: 'bandwidth_bytes', points: [{ value: '2048' }] }] });
  });

  it('answers a batch per event, by index, good and bad alike', async () => {
    const stranger = randomUUID();
    const answer = await gateway.call('POST', '/usage/batch', {
      body: {
        events: [
          { tenantId: tenant, ...event('b1') },
          { tenantId: tenant, ...event('b2', 'cpu_seconds') },
          { tenantId: neighbour, ...event('b3', 'concurrent_connections', '-1') },
          { tenantId: stranger, ...event('b4') },
          { tenantId: neighbour, ...event('b5', 'concurrent_connections', '77') },
          { tenantId: tenant, ...event('b1') },
        ],
      },
    });
    expect(answer.status).toBe(202);
    expect((answer.body as unknown as Results).results).toEqual([
      { index: 0, eventId: 'b1', status: 'accepted' },
      { index: 1, eventId: 'b2', status: 'rejected', reason: 'unknown-metric' },
      { index: 2, eventId: 'b3', status: 'rejected', reason: 'invalid-quantity' },
      { index: 3, eventId: 'b4', status: 'rejected', reason: 'unknown-tenant' },
      { index: 4, eventId: 'b5', status: 'accepted' },
      { index: 5, eventId: 'b1', status: 'duplicate' },
    ]);
    await waitFor(async () => current((await gateway.call('GET', `/tenants/${neighbour}/usage`)).body, 'concurrent_connections') === '77', { timeoutMs: 60_000, what: "the neighbour's event to be counted" });
  });

  it("keeps a tenant-admin key to its own tenant's usage, revealing nothing about others, and writes one audit entry per batch", async () => {
    const { key } = await gateway.issueKey('tenant-admin', tenant);
    const correlationId = `batch-${randomUUID()}`;
    const answer = await gateway.call('POST', '/usage/batch', {
      key,
      headers: { 'x-request-id': correlationId },
      body: {
        events: [
          { tenantId: neighbour, ...event('t1') },
          { tenantId: tenant, ...event('t2', 'concurrent_connections', '5') },
          { tenantId: randomUUID(), ...event('t3') },
          { tenantId: tenant, ...event('t4', 'cpu_seconds') },
        ],
      },
    });
    expect(answer.status).toBe(202);
    const requestId = answer.headers.get('x-request-id');
    expect((answer.body as unknown as Results).results).toEqual([
      { index: 0, eventId: 't1', status: 'rejected', reason: 'unknown-tenant' },
      { index: 1, eventId: 't2', status: 'accepted' },
      { index: 2, eventId: 't3', status: 'rejected', reason: 'unknown-tenant' },
      { index: 3, eventId: 't4', status: 'rejected', reason: 'unknown-metric' },
    ]);

    const onlyOthers = await gateway.call('POST', '/usage/batch', { key, body: { events: [{ tenantId: neighbour, ...event('t5') }] } });
    expect(onlyOthers.body).toEqual({ results: [{ index: 0, eventId: 't5', status: 'rejected', reason: 'unknown-tenant' }] });

    for (const [method, path, body] of [
      ['POST', `/tenants/${neighbour}/usage`, event('t6')],
      ['GET', `/tenants/${neighbour}/usage`, undefined],
    ] as const) {
      const refused = await gateway.call(method, path, { key, body });
      expect(refused.status).toBe(404);
      expect(refused.body['type']).toBe(problemType('tenant-not-found'));
    }
    const summary = await gateway.call('GET', '/usage/summary?metric=api_calls', { key });
    expect(summary.status).toBe(403);
    expect(summary.body['type']).toBe(problemType('forbidden'));
    expect((await gateway.call('GET', `/tenants/${tenant}/usage`, { key })).status).toBe(200);
    // t2 and t1 would have been published together: once t2 is counted, t1 would be too.
    await waitFor(async () => current((await gateway.call('GET', `/tenants/${tenant}/usage`)).body, 'concurrent_connections') === '5', { timeoutMs: 60_000, what: 'the own event to be counted' });
    expect(current((await gateway.call('GET', `/tenants/${neighbour}/usage`)).body, 'concurrent_connections')).toBe('77');

    const audited = await waitFor(
      async () => {
        const page = await gateway.call('GET', `/audit?tenantId=${tenant}&limit=100`);
        const entries = (page.body['items'] as { requestId: string; correlationId: string | null; route: string; status: number }[]).filter((entry) => entry.requestId === requestId);
        return entries.length > 0 ? entries : undefined;
      },
      { what: 'the audit entry' },
    );
    expect(audited).toEqual([expect.objectContaining({ route: '/api/v1/platform/usage/batch', status: 202, correlationId })]);
  });

  // Issue 9, finding 3: a tenant admin zeroed its own storage by sending the collector's next readings.
  it("refuses every key's readings of the metrics the platform measures, a tenant admin's first", async () => {
    const { key } = await gateway.issueKey('tenant-admin', tenant);
    const nextSlot = new Date(Math.ceil(Date.now() / 300_000) * 300_000).toISOString();
    const reading = (metric: string) => ({ eventId: `collector:${metric}:${nextSlot}`, metric, quantity: '0', timestamp: now(), ...(metric === 'active_users' ? { properties: { userId: 'ghost' } } : {}) });
    const refused = (eventId: string, index = 0) => ({ index, eventId, status: 'rejected', reason: 'metric-not-writable' });

    const one = await gateway.call('POST', `/tenants/${tenant}/usage`, { key, body: reading('storage_bytes') });
    expect(one.status).toBe(202);
    expect(one.body).toEqual({ results: [refused(`collector:storage_bytes:${nextSlot}`)] });
    for (const caller of [{ key }, {}]) {
      const batch = await gateway.call('POST', '/usage/batch', { ...caller, body: { events: ['storage_bytes', 'database_bytes', 'active_users'].map((metric) => ({ tenantId: tenant, ...reading(metric) })) } });
      expect(batch.status).toBe(202);
      expect((batch.body as unknown as Results).results).toEqual(['storage_bytes', 'database_bytes', 'active_users'].map((metric, index) => refused(`collector:${metric}:${nextSlot}`, index)));
    }
  });

  it("lists a tenant's usage alerts to platform roles and its own tenant-admin key, and answers another tenant's key 404", async () => {
    // A soft limit below the 2048 bytes recorded above: metering raises 80 %, 100 % and exceeded on the change itself.
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantLimitsChanged', { tenantId: tenant, version: 1, limits: [{ metric: 'bandwidth_bytes', limit: '1000', mode: 'soft' }], at: now() })]);
    const { key: readOnly } = await gateway.issueKey('read-only');
    const listed = await waitFor(
      async () => {
        const read = await gateway.call('GET', `/tenants/${tenant}/usage/alerts`, { key: readOnly });
        return read.status === 200 && (read.body['alerts'] as unknown[]).length >= 3 ? read : undefined;
      },
      { timeoutMs: 60_000, what: "the tenant's alerts" },
    );
    expect(listed.body['tenantId']).toBe(tenant);
    expect(listed.body['alerts']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ metric: 'bandwidth_bytes', kind: 'threshold-80', thresholdPercent: 80, level: 'soft', limit: '1000' }),
        expect.objectContaining({ metric: 'bandwidth_bytes', kind: 'exceeded-soft', thresholdPercent: null, level: 'soft', usage: '2048' }),
      ]),
    );

    const { key: own } = await gateway.issueKey('tenant-admin', tenant);
    const mine = await gateway.call('GET', `/tenants/${tenant}/usage/alerts?limit=1`, { key: own });
    expect(mine.status).toBe(200);
    expect(mine.body['alerts']).toHaveLength(1);

    const { key: neighbourAdmin } = await gateway.issueKey('tenant-admin', neighbour);
    const refused = await gateway.call('GET', `/tenants/${tenant}/usage/alerts`, { key: neighbourAdmin });
    expect(refused.status).toBe(404);
    expect(refused.body['type']).toBe(problemType('tenant-not-found'));
    expect(JSON.stringify(refused.body)).not.toContain('bandwidth_bytes');

    const bad = await gateway.call('GET', `/tenants/${tenant}/usage/alerts?limit=500&from=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body['type']).toBe(problemType('validation-failed'));
    expect(new Set((bad.body['errors'] as { field: string }[]).map((error) => error.field))).toEqual(new Set(['limit', 'from']));
  });

  it('answers the usage summary to platform roles', async () => {
    const { key } = await gateway.issueKey('read-only');
    const summary = await gateway.call('GET', '/usage/summary?metric=storage_bytes&period=month', { key });
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ metric: 'storage_bytes', period: 'month' });
  });

  it.each([
    ['POST', 'tenant', { eventId: 5, metric: 'storage_bytes', quantity: true, colour: 'red' }, ['eventId', 'quantity', 'timestamp', 'colour']],
    ['POST', '/tenants/123/usage', { eventId: 'x', metric: 'storage_bytes', quantity: '1', timestamp: '2026-11-28T10:00:00Z' }, ['id']],
    ['POST', '/usage/batch', { events: 'nope' }, ['events']],
    ['POST', '/usage/batch', { events: [], extra: true }, ['extra', 'events']],
    ['POST', '/usage/batch', { events: Array.from({ length: 1_001 }, (_, i) => ({ eventId: `e${i}` })) }, ['events']],
    ['POST', '/usage/batch', { events: [{ tenantId: 'tenant', eventId: 'a', metric: 'storage_bytes', quantity: false, timestamp: '2026-11-28T10:00:00Z' }] }, ['events.0.quantity']],
    ['GET', 'tenant?granularity=week&from=yesterday', undefined, ['granularity', 'from']],
    ['GET', '/usage/summary?top=0&period=year', undefined, ['metric', 'top', 'period']],
  ])('rejects bad input to %s %s with 400 problem+json naming the fields', async (method, target, body, fields) => {
    const path = target === 'tenant' ? `/tenants/${tenant}/usage` : target.startsWith('tenant?') ? `/tenants/${tenant}/usage${target.slice('tenant'.length)}` : target;
    const result = await gateway.call(method, path, { body });
    expect(result.status).toBe(400);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    expect(result.body['type']).toBe(problemType('validation-failed'));
    expect(new Set((result.body['errors'] as { field: string }[]).map((error) => error.field))).toEqual(new Set(fields));
  });

  it('answers 503 problem+json while metering is down', async () => {
    await metering.process.kill('SIGTERM');
    for (const [method, path, body] of [
      ['POST', '/usage/batch', { events: [{ tenantId: tenant, ...event('down') }] }],
      ['POST', `/tenants/${tenant}/usage`, event('down')],
      ['GET', `/tenants/${tenant}/usage`, undefined],
    ] as const) {
      const result = await gateway.call(method, path, { body });
      expect(result.status).toBe(503);
      expect(result.headers.get('content-type')).toContain('application/problem+json');
      expect(result.body['type']).toBe(problemType('upstream-unavailable'));
    }
  });
});
