// Metering end to end through the public gateway, with tenant-registry, provisioning, metering,
// Kafka and Postgres all real: usage in and out, limits, the hard API-call limit's 429 raised from
// the gateway's own counting, threshold alerts, the collectors' measurements, and limits on an
// operator-defined meter set through PUT …/limits (issue 13, part 3).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { TOPICS } from '@tenantry/contracts';
import { freshGroups, readTopic, RunningService, startGroupAtEnd, startService, testKafka, waitFor, waitUntilReady } from '@tenantry/testing';
import { PlatformClient } from './support/platform-client';

jest.setTimeout(240_000);

const ADMIN_KEY = `e2e-admin-${randomBytes(16).toString('hex')}`;
const FILES = mkdtempSync(join(tmpdir(), 'tenantry-e2e-metering-'));

interface CurrentUsage {
  metric: string;
  value: string;
  limit: string | null;
  mode: string | null;
  percentUsed: number | null;
}

function nextMonthStart(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
}

describe('metering through the gateway', () => {
  const services: RunningService[] = [];
  let gatewayUrl = '';
  const platform = new PlatformClient(() => gatewayUrl, ADMIN_KEY);
  let tenantId = '';
  let key = '';

  async function current(metric: string): Promise<CurrentUsage | undefined> {
    const usage = await platform.call('GET', `/tenants/${tenantId}/usage`);
    return (usage.body['current'] as CurrentUsage[] | undefined)?.find((entry) => entry.metric === metric);
  }

  beforeAll(async () => {
    const registry = await startService('tenant-registry', freshGroups('e2e-metering-registry'));
    // A group of this run's own, started at the end of the lifecycle topic: provisioning the tenants
    // earlier suites left there first took longer than this suite waits for its own.
    const lifecycleGroup = `e2e-metering-provisioning-${randomBytes(4).toString('hex')}`;
    await startGroupAtEnd(lifecycleGroup, TOPICS.TENANT_LIFECYCLE.name);
    const provisioning = await startService('provisioning', { TENANT_STORAGE_ROOT: join(FILES, 'storage'), EXPORT_DIR: join(FILES, 'exports'), LIFECYCLE_CONSUMER_GROUP: lifecycleGroup });
    const metering = await startService('metering', { COLLECTOR_INTERVAL_MS: '1000' });
    services.push(registry, provisioning, metering);
    const gateway = await startService('gateway', {
      TENANTRY_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      REGISTRY_URL: registry.url,
      PROVISIONING_URL: provisioning.url,
      METERING_URL: metering.url,
      API_USAGE_SAMPLE_INTERVAL_MS: '500',
    });
    services.push(gateway);
    await Promise.all(services.map((service) => waitUntilReady(service)));
    gatewayUrl = gateway.url;

    tenantId = await platform.createTenant();
    key = await platform.tenantAdminKey(tenantId);
    await waitFor(async () => ['trial', 'active'].includes((await platform.statusOf(tenantId)) ?? ''), { timeoutMs: 60_000, intervalMs: 250, what: 'the tenant to be provisioned' });
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.process.kill('SIGTERM')));
  });

  it('records usage sent by the platform, answers per event, and shows it against the limit', async () => {
    const limits = await platform.call('PUT', `/tenants/${tenantId}/limits`, {
      body: { storage: { limit: 1, mode: 'soft' }, users: { limit: 10 }, bandwidth: { limit: 1, mode: 'soft' }, apiCalls: { limit: 100_000, mode: 'soft' } },
    });
    expect(limits.status).toBe(200);

    const at = new Date().toISOString();
    const batch = await platform.call('POST', '/usage/batch', {
      body: {
        events: [
          { tenantId, eventId: 'e2e-conn-1', metric: 'concurrent_connections', quantity: '42', timestamp: at },
          { tenantId, eventId: 'e2e-bad-metric', metric: 'no_such_metric', quantity: '1', timestamp: at },
          { tenantId, eventId: 'e2e-bad-quantity', metric: 'concurrent_connections', quantity: '-3', timestamp: at },
          { tenantId, eventId: 'e2e-bandwidth-1', metric: 'bandwidth_bytes', quantity: '250000000', timestamp: at },
          { tenantId, eventId: 'e2e-storage-0', metric: 'storage_bytes', quantity: '0', timestamp: at },
        ],
      },
    });
    expect(batch.status).toBe(202);
    expect(batch.body['results']).toEqual([
      { index: 0, eventId: 'e2e-conn-1', status: 'accepted' },
      { index: 1, eventId: 'e2e-bad-metric', status: 'rejected', reason: 'unknown-metric' },
      { index: 2, eventId: 'e2e-bad-quantity', status: 'rejected', reason: 'invalid-quantity' },
      { index: 3, eventId: 'e2e-bandwidth-1', status: 'accepted' },
      { index: 4, eventId: 'e2e-storage-0', status: 'rejected', reason: 'metric-not-writable' },
    ]);
    const connections = await waitFor(async () => ((await current('concurrent_connections'))?.value === '42' ? current('concurrent_connections') : undefined), { timeoutMs: 30_000, what: 'the usage to be visible' });
    expect(connections).toMatchObject({ value: '42', limit: null, percentUsed: null });
    // The same event again (a client retry) is a duplicate once counted, and changes nothing. (Sent
    // before it was counted, it would be published again and dropped by the consumer's dedup.)
    const retry = await platform.call('POST', `/tenants/${tenantId}/usage`, { body: { eventId: 'e2e-conn-1', metric: 'concurrent_connections', quantity: '43', timestamp: at } });
    expect(retry.status).toBe(202);
    expect(retry.body['results']).toEqual([{ index: 0, eventId: 'e2e-conn-1', status: 'duplicate' }]);
    expect((await current('concurrent_connections'))?.value).toBe('42');
    // Bandwidth also counts the gateway's own request and response bytes, so at least the 25 % sent.
    const bandwidth = await current('bandwidth_bytes');
    expect(bandwidth).toMatchObject({ limit: '1000000000', mode: 'soft' });
    expect(Number(bandwidth?.value)).toBeGreaterThanOrEqual(250_000_000);
    expect(bandwidth?.percentUsed).toBeGreaterThanOrEqual(25);
  });

  it('measures the tenant itself: its database and storage sizes', async () => {
    const sizes = await waitFor(
      async () => {
        const [database, storage] = [await current('database_bytes'), await current('storage_bytes')];
        return Number(database?.value) > 0 && storage !== undefined ? { database, storage } : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'the collector to measure the tenant' },
    );
    // The tenant's own database (provisioning's default tier), catalogs included: megabytes, not a schema's kilobytes.
    expect(Number(sizes.database?.value)).toBeGreaterThan(1_000_000);
  });

  it('refuses the tenant with 429 once its own calls go over a hard API-call limit, and lets it back in when the limit is raised', async () => {
    const hard = await platform.call('PUT', `/tenants/${tenantId}/limits`, {
      body: { storage: { limit: 1 }, users: { limit: 10 }, bandwidth: { limit: 1 }, apiCalls: { limit: 5, mode: 'hard' } },
    });
    expect(hard.status).toBe(200);

    // The tenant's calls are counted at the gateway, sampled to metering, aggregated, judged against
    // the limit; metering's UsageLimitExceeded then blocks the tenant's keys at the gateway.
    const refused = await waitFor(
      async () => {
        const answer = await platform.call('GET', `/tenants/${tenantId}`, { key });
        return answer.status === 429 ? answer : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 200, what: 'the gateway to refuse the tenant with 429' },
    );
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ type: 'https://tenantry.dev/problems/api-call-limit-exceeded', status: 429, limit: 5, resetAt: nextMonthStart() });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Platform staff are never throttled: they can still read and raise the limit.
    expect((await platform.call('GET', `/tenants/${tenantId}`)).status).toBe(200);

    const alerts = await readTopic(testKafka(), TOPICS.METERING_ALERTS.name, (messages) => messages.filter((m) => m.headers['ce_tenantid'] === tenantId).length >= 3, { timeoutMs: 60_000, settleMs: 2_000 });
    const mine = alerts
      .filter((m) => m.headers['ce_tenantid'] === tenantId && JSON.parse(m.value ?? '{}').metric === 'api_calls')
      .map((m) => `${m.headers['ce_type']}:${JSON.parse(m.value ?? '{}').thresholdPercent ?? JSON.parse(m.value ?? '{}').mode}`)
      .sort();
    expect(mine).toEqual(['UsageLimitExceeded:hard', 'UsageThresholdReached:100', 'UsageThresholdReached:80']);

    const raised = await platform.call('PUT', `/tenants/${tenantId}/limits`, {
      body: { storage: { limit: 1 }, users: { limit: 10 }, bandwidth: { limit: 1 }, apiCalls: { limit: 1_000_000, mode: 'hard' } },
    });
    expect(raised.status).toBe(200);
    await waitFor(async () => (await platform.call('GET', `/tenants/${tenantId}`, { key })).status === 200, { timeoutMs: 60_000, intervalMs: 250, what: 'the block to be lifted' });
  });

  it('limits an operator-defined meter through PUT …/limits: alerts at 80 % and 100 %, the limit in the usage view, unknown keys refused', async () => {
    const pages = `pages_${randomBytes(5).toString('hex')}`;
    const defined = await platform.call('POST', '/meters', { body: { key: pages, description: 'Pages rendered', unit: 'pages', aggregation: 'sum' } });
    expect(defined.status).toBe(201);
    // apiCalls stays as the previous test left it, so the tenant's own key is not blocked.
    const fixed = { storage: 1, users: 10, bandwidth: { limit: 1 }, apiCalls: { limit: 1_000_000, mode: 'hard' } };

    // Refused, each bad field named once, and nothing changes: a key no meter has, a built-in meter a
    // fixed field limits, a bad fixed field beside them; and a tenant admin may not set limits at all.
    const before = await platform.call('GET', `/tenants/${tenantId}/limits`);
    const bad = await platform.call('PUT', `/tenants/${tenantId}/limits`, { body: { ...fixed, users: { limit: -1 }, meters: { no_such_meter: 5, api_calls: 10, [pages]: { limit: 100, mode: 'firm' } } } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((bad.body['errors'] as { field: string }[]).map((error) => error.field).sort()).toEqual(['meters.api_calls', 'meters.no_such_meter', `meters.${pages}.mode`, 'users.limit']);
    expect((bad.body['errors'] as { field: string; message: string }[]).find((error) => error.field === 'meters.api_calls')?.message).toContain('`apiCalls`');
    const unknown = await platform.call('PUT', `/tenants/${tenantId}/limits`, { body: { ...fixed, meters: { no_such_meter: 5 } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body['errors']).toEqual([{ field: 'meters.no_such_meter', message: expect.stringContaining('no meter no_such_meter') }]);
    expect((await platform.call('PUT', `/tenants/${tenantId}/limits`, { key, body: { ...fixed, meters: { [pages]: 100 } } })).status).toBe(403);
    expect((await platform.call('GET', `/tenants/${tenantId}/limits`)).body).toEqual(before.body);

    const set = await platform.call('PUT', `/tenants/${tenantId}/limits`, { body: { ...fixed, meters: { [pages]: { limit: 100, mode: 'hard' } } } });
    expect(set.status).toBe(200);
    expect(set.body['meters']).toEqual({ [pages]: { limit: 100, mode: 'hard' } });
    expect((await platform.call('GET', `/tenants/${tenantId}/limits`, { key })).body).toEqual(set.body);
    // A plain number keeps the mode the meter's limit has: the same set, no new version.
    const again = await platform.call('PUT', `/tenants/${tenantId}/limits`, { body: { ...fixed, meters: { [pages]: 100 } } });
    expect(again.body).toEqual(set.body);

    const usage = async () => {
      const read = await platform.call('GET', `/tenants/${tenantId}/usage?metric=${pages}`, { key });
      return (read.body['current'] as CurrentUsage[] | undefined)?.find((entry) => entry.metric === pages);
    };
    await waitFor(async () => (await usage())?.limit === '100', { timeoutMs: 60_000, intervalMs: 250, what: 'metering to apply the meter limit' });
    const alertsOf = (messages: { headers: Record<string, string | undefined>; value: string | null }[]) =>
      messages
        .filter((m) => m.headers['ce_tenantid'] === tenantId && JSON.parse(m.value ?? '{}').metric === pages)
        .map((m): Record<string, unknown> => ({ type: m.headers['ce_type'], ...(JSON.parse(m.value ?? '{}') as Record<string, unknown>) }));
    const record = (eventId: string, quantity: string) =>
      platform.call('POST', `/tenants/${tenantId}/usage`, { key, body: { eventId, metric: pages, quantity, timestamp: new Date().toISOString() } });

    // 85 of 100: the 80 % threshold only.
    expect((await record('pages-1', '85')).body['results']).toEqual([{ index: 0, eventId: 'pages-1', status: 'accepted' }]);
    await waitFor(async () => ((await usage())?.value === '85' ? true : undefined), { timeoutMs: 30_000, what: 'the meter usage to be visible' });
    expect(await usage()).toMatchObject({ value: '85', limit: '100', mode: 'hard', percentUsed: 85 });
    const first = alertsOf(await readTopic(testKafka(), TOPICS.METERING_ALERTS.name, (messages) => alertsOf(messages).length >= 1, { timeoutMs: 60_000, settleMs: 2_000 }));
    expect(first).toEqual([expect.objectContaining({ type: 'UsageThresholdReached', metric: pages, thresholdPercent: 80, usage: '85', limit: '100' })]);

    // 105 of 100: 100 % and exceeded, hard. A hard meter limit alerts; the usage is still recorded (the bill stays true).
    expect((await record('pages-2', '20')).body['results']).toEqual([{ index: 0, eventId: 'pages-2', status: 'accepted' }]);
    const all = alertsOf(await readTopic(testKafka(), TOPICS.METERING_ALERTS.name, (messages) => alertsOf(messages).length >= 3, { timeoutMs: 60_000, settleMs: 2_000 }));
    expect(all.map((alert) => `${String(alert['type'])}:${String(alert['thresholdPercent'] ?? alert['mode'])}:${String(alert['usage'])}`).sort()).toEqual([
      'UsageLimitExceeded:hard:105',
      'UsageThresholdReached:100:105',
      'UsageThresholdReached:80:85',
    ]);
    expect(await usage()).toMatchObject({ value: '105', limit: '100', mode: 'hard', percentUsed: 105 });
  });
});
