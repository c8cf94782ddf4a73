// Operator-defined meters (issue 13, part 3) through the gateway to the real metering process, Kafka
// and Postgres: a meter defined, its events ingested at once, its aggregate and group-by breakdown
// read back, a limit and its alerts, the aggregation frozen once it has usage, roles and bad definitions.
import { randomUUID } from 'node:crypto';
import { TOPICS } from '@tenantry/contracts';
import { eventMessage, internalAuthHeaders, produce, readTopic, RunningService, startService, testKafka, waitFor, waitUntilReady } from '@tenantry/testing';
import { FakeUpstream } from './support/fake-upstream';
import { fakeTenantView, GatewayClient, problemType, startGateway } from './support/gateway-client';

jest.setTimeout(180_000);

interface CurrentEntry {
  metric: string;
  value: string;
  limit: string | null;
  sources?: { source: string; value: string; counted: boolean }[];
  groups?: Record<string, string>[];
}

describe('gateway meters routes', () => {
  const kafka = testKafka();
  let metering: RunningService;
  let registry: FakeUpstream;
  let gateway: GatewayClient;
  let tenant: string;
  let neighbour: string;
  // Unique per run: the platform database is shared by the whole suite.
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
  const tokens = `tokens_${suffix}`;
  const now = () => new Date().toISOString();

  async function activeTenant(): Promise<string> {
    const tenantId = randomUUID();
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantActivated', { tenantId, from: 'provisioning', to: 'active', actor: 'int-test', at: now() })]);
    await waitFor(async () => (await fetch(`${metering.url}/internal/v1/tenants/${tenantId}/usage`, { headers: internalAuthHeaders({ audience: 'metering' }) })).status === 200, { timeoutMs: 60_000, what: 'metering to know the tenant' });
    registry.on((request) => (request.method === 'GET' && request.url === `/internal/v1/tenants/${tenantId}` ? { status: 200, body: fakeTenantView(tenantId) } : undefined));
    return tenantId;
  }

  const entryOf = (body: Record<string, unknown>, metric: string) => (body['current'] as CurrentEntry[]).find((entry) => entry.metric === metric);

  beforeAll(async () => {
    metering = await startService('metering', { PARTITION_MAINTENANCE_INTERVAL_MS: '3600000' });
    await waitUntilReady(metering);
    registry = await new FakeUpstream().start();
    gateway = await startGateway({ METERING_URL: metering.url, REGISTRY_URL: registry.url, API_USAGE_SAMPLE_INTERVAL_MS: '3600000' });
    [tenant, neighbour] = [await activeTenant(), await activeTenant()];
  });

  afterAll(async () => {
    await gateway?.stop();
    await registry?.stop();
    await metering?.process.kill('SIGTERM');
  });

  it('takes a meter defined through the API at once: its events, aggregate, group-by breakdown, limit and alerts', async () => {
    // Unknown before it is defined.
    const before = await gateway.call('POST', `/tenants/${tenant}/usage`, { body: { eventId: 'early', metric: tokens, quantity: '1', timestamp: now() } });
    expect(before.body).toEqual({ results: [{ index: 0, eventId: 'early', status: 'rejected', reason: 'unknown-metric' }] });

    const defined = await gateway.call('POST', '/meters', {
      body: { key: tokens, description: 'Model tokens', unit: 'tokens', aggregation: 'sum', valueProperty: 'tokens', filters: { region: ['eu', 'us'] }, groupBy: ['model', 'region'] },
    });
    expect(defined.status).toBe(201);
    expect(defined.body).toMatchObject({ key: tokens, aggregation: 'sum', valueProperty: 'tokens', groupBy: ['model', 'region'], recordedBy: ['reported'], countedSources: ['reported'], builtIn: false, version: 1 });
    expect((await gateway.call('GET', `/meters/${tokens}`)).body).toMatchObject({ key: tokens, unit: 'tokens' });

    // A limit on the custom meter, as the registry publishes it.
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantLimitsChanged', { tenantId: tenant, version: 1, limits: [{ metric: tokens, limit: '150', mode: 'soft' }], at: now() })]);
    await waitFor(async () => entryOf((await gateway.call('GET', `/tenants/${tenant}/usage?metric=${tokens}`)).body, tokens)?.limit === '150', { timeoutMs: 60_000, what: 'the limit to be applied' });

    // Events right away, with a tenant admin's key.
    const { key } = await gateway.issueKey('tenant-admin', tenant);
    const event = (eventId: string, properties: Record<string, unknown>) => ({ tenantId: tenant, eventId, metric: tokens, quantity: '1', timestamp: now(), properties });
    const recorded = await gateway.call('POST', '/usage/batch', {
      key,
      body: {
        events: [
          event('t1', { model: 'a', region: 'eu', tokens: 100 }),
          event('t2', { model: 'b', region: 'eu', tokens: '50' }),
          event('t3', { model: 'a', region: 'us', tokens: 25 }),
          event('t4', { model: 'a', region: 'ap', tokens: 1000 }),
          event('t5', { model: 'a', region: 'eu' }),
        ],
      },
    });
    expect(recorded.status).toBe(202);
    expect((recorded.body['results'] as { status: string; reason?: string }[]).map((r) => r.reason ?? r.status)).toEqual(['accepted', 'accepted', 'accepted', 'filter-mismatch', 'invalid-quantity']);

    const byModel = await waitFor(
      async () => {
        const read = await gateway.call('GET', `/tenants/${tenant}/usage?metric=${tokens}&groupBy=model&granularity=hour`, { key });
        return read.status === 200 && entryOf(read.body, tokens)?.value === '175' ? read.body : undefined;
      },
      { timeoutMs: 60_000, what: 'the meter usage to be aggregated' },
    );
    expect(entryOf(byModel, tokens)).toMatchObject({
      value: '175',
      limit: '150',
      sources: [{ source: 'reported', value: '175', counted: true }],
      groups: [
        { model: 'a', value: '125' },
        { model: 'b', value: '50' },
      ],
    });
    expect(byModel['series']).toEqual([{ metric: tokens, points: [expect.objectContaining({ value: '175' })] }]);
    const byRegion = await gateway.call('GET', `/tenants/${tenant}/usage?metric=${tokens}&groupBy=region`);
    expect(entryOf(byRegion.body, tokens)?.groups).toEqual([
      { region: 'eu', value: '150' },
      { region: 'us', value: '25' },
    ]);
    const notGrouped = await gateway.call('GET', `/tenants/${tenant}/usage?metric=${tokens}&groupBy=colour`);
    expect(notGrouped.status).toBe(400);
    expect((notGrouped.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['groupBy']);

    // 175 of 150: 80 %, 100 % and exceeded, once each.
    const alerts = await readTopic(kafka, TOPICS.METERING_ALERTS.name, (messages) => messages.filter((m) => m.key === tenant).length >= 3, { timeoutMs: 60_000, settleMs: 2_000 });
    const mine = alerts.filter((m) => m.key === tenant).map((m) => JSON.parse(m.value ?? '{}') as Record<string, unknown>);
    expect(mine.map((m) => [m['metric'], m['thresholdPercent'] ?? 'exceeded', m['usage']]).sort()).toEqual([
      [tokens, 100, '175'],
      [tokens, 80, '175'],
      [tokens, 'exceeded', '175'],
    ]);

    // The summary takes the custom meter too.
    const summary = await gateway.call('GET', `/usage/summary?metric=${tokens}`);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ metric: tokens, tenants: 1, total: '175', sources: [{ source: 'reported', total: '175' }] });
  });

  it("refuses to change a meter's aggregation once it has usage, and changes one without usage", async () => {
    const key = `pages_${suffix}`;
    const body = { description: 'Pages', unit: 'pages', aggregation: 'sum' };
    expect((await gateway.call('POST', '/meters', { body: { key, ...body } })).status).toBe(201);
    // No usage yet: the aggregation may change.
    const changed = await gateway.call('PUT', `/meters/${key}`, { body: { ...body, aggregation: 'max' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ aggregation: 'max', version: 2 });

    await gateway.call('POST', `/tenants/${neighbour}/usage`, { body: { eventId: 'p1', metric: key, quantity: '7', timestamp: now() } });
    await waitFor(async () => entryOf((await gateway.call('GET', `/tenants/${neighbour}/usage?metric=${key}`)).body, key)?.value === '7', { timeoutMs: 60_000, what: 'the pages to be counted' });

    const refused = await gateway.call('PUT', `/meters/${key}`, { body: { ...body, aggregation: 'sum' } });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ type: problemType('meter-has-usage'), field: 'aggregation' });
    expect(String(refused.body['detail'])).toContain('Define a new meter');
    // Nothing changed; a description may still change.
    expect((await gateway.call('GET', `/meters/${key}`)).body).toMatchObject({ aggregation: 'max', version: 2 });
    expect((await gateway.call('PUT', `/meters/${key}`, { body: { ...body, aggregation: 'max', description: 'Pages printed' } })).body).toMatchObject({ description: 'Pages printed', version: 3 });
  });

  it('keeps built-in meters to their definition, and refuses a second meter of one key', async () => {
    const list = await gateway.call('GET', '/meters');
    const builtIns = (list.body['meters'] as { key: string; builtIn: boolean }[]).filter((m) => m.builtIn).map((m) => m.key).sort();
    expect(builtIns).toEqual(['active_users', 'api_calls', 'bandwidth_bytes', 'concurrent_connections', 'database_bytes', 'storage_bytes']);
    const apiCalls = (await gateway.call('GET', '/meters/api_calls')).body;
    expect(apiCalls).toMatchObject({ aggregation: 'sum', recordedBy: ['reported', 'gateway'], builtIn: true });

    const refused = await gateway.call('PUT', '/meters/api_calls', { body: { description: 'calls', unit: 'calls', aggregation: 'max' } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: problemType('meter-built-in'), fields: ['aggregation'] });
    const measured = await gateway.call('PUT', '/meters/storage_bytes', { body: { description: 'bytes', unit: 'bytes', aggregation: 'latest', countedSources: ['reported'] } });
    expect(measured.status).toBe(400);
    expect((measured.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['countedSources']);

    const again = await gateway.call('POST', '/meters', { body: { key: `pages_${suffix}`, description: 'Pages', unit: 'pages', aggregation: 'sum' } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: problemType('meter-exists') });
  });

  it('lets platform admins write meters, tenant admins read only the list, and no one read another tenant', async () => {
    const { key } = await gateway.issueKey('tenant-admin', tenant);
    const definition = { key: `seats_${suffix}`, description: 'Seats', unit: 'seats', aggregation: 'max' };
    expect((await gateway.call('POST', '/meters', { key, body: definition })).status).toBe(403);
    expect((await gateway.call('PUT', `/meters/${tokens}`, { key, body: definition })).status).toBe(403);
    expect((await gateway.call('GET', `/meters/${tokens}`, { key })).status).toBe(403);
    const list = await gateway.call('GET', '/meters', { key });
    expect(list.status).toBe(200);
    expect((list.body['meters'] as { key: string }[]).map((m) => m.key)).toContain('api_calls');
    const { key: support } = await gateway.issueKey('support');
    expect((await gateway.call('POST', '/meters', { key: support, body: definition })).status).toBe(403);
    expect((await gateway.call('GET', `/meters/${tokens}`, { key: support })).status).toBe(200);

    const other = await gateway.call('GET', `/tenants/${neighbour}/usage?metric=${tokens}`, { key });
    expect(other.status).toBe(404);
    expect(await gateway.call('GET', `/meters/seats_${suffix}`)).toMatchObject({ status: 404 });
  });

  it.each([
    [{ key: 'Bad-Key', description: 'x', unit: 'u', aggregation: 'sum' }, ['key']],
    [{ key: `avg_${suffix}`, description: 'x', unit: 'u', aggregation: 'avg' }, ['aggregation']],
    [{ key: `uniq_${suffix}`, description: 'x', unit: 'u', aggregation: 'unique' }, ['valueProperty']],
    [{ key: `cnt_${suffix}`, description: 'x', unit: 'u', aggregation: 'count', valueProperty: 'n' }, ['valueProperty']],
    [{ key: `grp_${suffix}`, description: 'x', unit: 'u', aggregation: 'sum', groupBy: ['a', 'b', 'c', 'd'] }, ['groupBy']],
    [{ key: `flt_${suffix}`, description: 'x', unit: 'u', aggregation: 'sum', filters: { region: [] } }, ['filters']],
    [{ key: `src_${suffix}`, description: 'x', unit: 'u', aggregation: 'sum', countedSources: ['gateway'] }, ['countedSources']],
    [{ key: `emp_${suffix}`, description: '', aggregation: 'sum' }, ['description', 'unit']],
  ])('refuses a bad definition with 400 naming the field (%#), and defines nothing', async (body, fields) => {
    const answer = await gateway.call('POST', '/meters', { body });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect([...new Set((answer.body['errors'] as { field: string }[]).map((e) => e.field))].sort()).toEqual(fields);
    if (/^[a-z][a-z0-9_]*$/.test(String(body.key))) expect((await gateway.call('GET', `/meters/${String(body.key)}`)).status).toBe(404);
  });

  it('checks the meter keys of a limits body against metering before the registry stores them (PUT …/limits and a bulk set-limits)', async () => {
    const pages = `limited_pages_${suffix}`;
    expect((await gateway.call('POST', '/meters', { body: { key: pages, description: 'Pages', unit: 'pages', aggregation: 'sum' } })).status).toBe(201);
    const toRegistry = () => registry.received((request) => (request.method === 'PUT' && request.url === `/internal/v1/tenants/${tenant}/limits`) || request.url.startsWith('/internal/v1/bulk-jobs'));
    const body = { storage: 1, users: { limit: 2 }, bandwidth: 3, meters: { [pages]: { limit: 10, mode: 'hard' }, no_such_meter: 5 } };

    const refused = await gateway.call('PUT', `/tenants/${tenant}/limits`, { body });
    expect(refused.status).toBe(400);
    expect(refused.body['errors']).toEqual([{ field: 'meters.no_such_meter', message: expect.stringContaining('no meter no_such_meter is defined') }]);
    // Every bad field in one answer, once: the DTO's and the unknown meter's.
    const both = await gateway.call('PUT', `/tenants/${tenant}/limits`, { body: { ...body, users: { limit: -1 }, meters: { ...body.meters, api_calls: 1 } } });
    expect((both.body['errors'] as { field: string }[]).map((error) => error.field).sort()).toEqual(['meters.api_calls', 'meters.no_such_meter', 'users.limit']);
    const bulk = await gateway.call('POST', '/bulk-jobs', { body: { selection: { tenantIds: [tenant] }, action: { type: 'set-limits', limits: body } } });
    expect(bulk.status).toBe(400);
    expect(bulk.body['errors']).toEqual([{ field: 'action.limits.meters.no_such_meter', message: expect.stringContaining('no meter no_such_meter is defined') }]);
    expect(toRegistry()).toEqual([]);

    const { key } = await gateway.issueKey('tenant-admin', tenant);
    expect((await gateway.call('PUT', `/tenants/${tenant}/limits`, { key, body: { ...body, meters: { [pages]: 10 } } })).status).toBe(403);
    expect(toRegistry()).toEqual([]);

    // A defined meter passes, and the body reaches the registry as sent (plain numbers keep their modes there).
    const accepted = await gateway.call('PUT', `/tenants/${tenant}/limits`, { body: { ...body, meters: { [pages]: 10 } } });
    expect(accepted.status).toBe(200);
    expect(toRegistry().map((request) => JSON.parse(request.body) as unknown)).toEqual([{ ...body, meters: { [pages]: 10 } }]);
  });
});
