// What the gateway reports about its traffic, read back from Kafka: API calls and bytes per tenant
// (ApiUsageSampled) and per-tenant performance windows (TenantPerformanceDegraded).
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiUsageSampledPayload, TenantPerformanceDegradedPayload, TOPICS } from '@tenantry/contracts';
import { createDataSource } from '@tenantry/persistence';
import { databaseUrl, eventMessage, produce, ReceivedMessage, readTopic, sleep, testKafka, waitFor } from '@tenantry/testing';
import { closedPort } from './support/fake-upstream';
import { GatewayClient, startGateway } from './support/gateway-client';

jest.setTimeout(180_000);

const WINDOW_MS = 5_000;

function payloadsOf<T>(messages: ReceivedMessage[], type: string, tenantId: string): T[] {
  return messages.filter((message) => message.headers['ce_type'] === type && message.key === tenantId).map((message) => JSON.parse(message.value ?? '{}') as T);
}

describe('gateway API usage and performance', () => {
  const kafka = testKafka();
  let gateway: GatewayClient;
  let database: DataSource;

  /** Tenants the gateway's status projection knows, from the lifecycle events it consumes. */
  async function knownTenants(count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => randomUUID());
    const at = new Date().toISOString();
    await produce(
      kafka,
      TOPICS.TENANT_LIFECYCLE.name,
      ids.map((tenantId) => eventMessage('TenantActivated', { tenantId, from: 'provisioning', to: 'active', actor: 'int-test', at })),
    );
    await waitFor(
      async () => ((await database.query(`SELECT count(*)::int AS n FROM tenant_status WHERE tenant_id = ANY($1::uuid[])`, [ids])) as { n: number }[])[0]?.n === count,
      { timeoutMs: 60_000, what: 'the gateway to know the tenants' },
    );
    return ids;
  }

  beforeAll(async () => {
    database = createDataSource({ url: databaseUrl(), schema: 'gateway', applicationName: 'test:gateway-api-usage' });
    await database.initialize();
    // The registry is unreachable: every tenant call is answered 503 by the gateway itself.
    gateway = await startGateway({
      REGISTRY_URL: `http://127.0.0.1:${await closedPort()}`,
      UPSTREAM_TIMEOUT_MS: '1500',
      API_USAGE_SAMPLE_INTERVAL_MS: '500',
      PERFORMANCE_WINDOW_MS: String(WINDOW_MS),
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    if (database?.isInitialized) await database.destroy();
  });

  it("samples a tenant's API calls with their request and response bytes, not an operator's calls about it, and nothing for tenants the gateway does not know", async () => {
    const [tenant] = (await knownTenants(1)) as [string];
    const stranger = randomUUID();
    const { key } = await gateway.issueKey('tenant-admin', tenant);

    for (let i = 0; i < 3; i++) expect((await gateway.call('GET', `/tenants/${tenant}`, { key })).status).toBe(503);
    for (let i = 0; i < 2; i++) expect((await gateway.call('PUT', `/tenants/${tenant}`, { key, body: { name: `Renamed ${i}` } })).status).toBe(503);
    for (let i = 0; i < 2; i++) await gateway.call('GET', `/tenants/${stranger}`);
    // An operator looking at the tenant (the platform admin's key) is not the tenant's usage.
    for (let i = 0; i < 20; i++) await gateway.call('GET', `/tenants/${tenant}`);

    const calls = (messages: ReceivedMessage[]) => payloadsOf<ApiUsageSampledPayload>(messages, 'ApiUsageSampled', tenant).reduce((sum, sample) => sum + sample.apiCalls, 0);
    const messages = await readTopic(kafka, TOPICS.GATEWAY_API_USAGE.name, (received) => calls(received) >= 5, { timeoutMs: 60_000, settleMs: 2_000 });

    const samples = payloadsOf<ApiUsageSampledPayload>(messages, 'ApiUsageSampled', tenant);
    expect(samples.reduce((sum, sample) => sum + sample.apiCalls, 0)).toBe(5);
    expect(samples.reduce((sum, sample) => sum + sample.requestBytes, 0)).toBeGreaterThan(0);
    expect(samples.reduce((sum, sample) => sum + sample.responseBytes, 0)).toBeGreaterThan(0);
    for (const sample of samples) expect(new Date(sample.windowStart).getTime()).toBeLessThan(new Date(sample.windowEnd).getTime());
    expect(payloadsOf(messages, 'ApiUsageSampled', stranger)).toEqual([]);
  });

  it('reports a tenant whose calls fail as degraded, once for its window, and a quiet tenant not at all', async () => {
    const [failing, quiet] = (await knownTenants(2)) as [string, string];
    // The tenants' own calls (their keys): an operator's calls about a tenant are not its traffic.
    const [failingKey, quietKey] = [(await gateway.issueKey('tenant-admin', failing)).key, (await gateway.issueKey('tenant-admin', quiet)).key];
    // Start right after a window boundary so all the calls land in one window.
    await sleep(WINDOW_MS - (Date.now() % WINDOW_MS) + 200);
    const answers = await Promise.all([
      ...Array.from({ length: 25 }, () => gateway.call('GET', `/tenants/${failing}`, { key: failingKey })),
      ...Array.from({ length: 3 }, () => gateway.call('GET', `/tenants/${quiet}`, { key: quietKey })),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 28 }, () => 503));

    const degraded = (messages: ReceivedMessage[], tenantId: string) => payloadsOf<TenantPerformanceDegradedPayload>(messages, 'TenantPerformanceDegraded', tenantId);
    // Settle past the next window's end: a second report for the same tenant would have arrived by then.
    const messages = await readTopic(kafka, TOPICS.METERING_ALERTS.name, (received) => degraded(received, failing).length > 0, { timeoutMs: 60_000, settleMs: WINDOW_MS + 2_000 });

    const reports = degraded(messages, failing);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ tenantId: failing, requests: 25, errorRate: 1 });
    expect(new Date(reports[0]?.windowStart ?? 0).getTime() % WINDOW_MS).toBe(0);
    expect(degraded(messages, quiet)).toEqual([]);
  });
});
