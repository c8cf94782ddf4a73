// Who a call is and which request it was, from the public door to the real tenant registry: the
// registry learns both only from the gateway's signed token, and the request id is always the gateway's.
import { randomUUID } from 'node:crypto';
import { RunningService, startService, waitFor, waitUntilReady } from '@tenantry/testing';
import { closedPort } from './support/fake-upstream';
import { GatewayClient, startGateway } from './support/gateway-client';

jest.setTimeout(120_000);

describe('gateway → registry identity', () => {
  let registry: RunningService;
  let gateway: GatewayClient;

  beforeAll(async () => {
    registry = await startService('tenant-registry', { TRIAL_CHECK_INTERVAL_MS: '3600000' });
    await waitUntilReady(registry);
    gateway = await startGateway({ REGISTRY_URL: registry.url, PROVISIONING_URL: `http://127.0.0.1:${await closedPort()}` });
  });

  afterAll(async () => {
    await gateway?.stop();
    await registry?.process.kill('SIGTERM');
  });

  it("names the calling key in the registry's history, under the gateway's request id; a client's x-request-id is only a correlation id", async () => {
    const { id: keyId, key } = await gateway.issueKey('platform-admin');
    const label = `gi-${randomUUID().slice(0, 8)}`;
    const created = await gateway.call('POST', '/tenants', {
      key,
      headers: { 'x-request-id': 'forged', 'x-tenantry-actor': 'key:someone-else', 'x-tenantry-role': 'support' },
      body: { name: `Identity ${label}`, domain: label, plan: 'starter', adminEmail: `ops@${label}.example` },
    });
    expect(created.status).toBe(201);
    const requestId = created.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const tenantId = created.body['id'] as string;

    const history = await gateway.call('GET', `/tenants/${tenantId}/history`, { key });
    expect(history.status).toBe(200);
    expect(history.body['items']).toEqual([expect.objectContaining({ from: null, to: 'provisioning', actor: `key:${keyId}`, requestId, correlationId: 'forged' })]);

    const audit = await gateway.call('GET', `/audit?tenantId=${tenantId}`);
    expect(audit.body['items']).toEqual([expect.objectContaining({ apiKeyId: keyId, method: 'POST', status: 201, requestId, correlationId: 'forged' })]);
  });

  it('drops a client request id that is too long or not visible ASCII, and never answers with it', async () => {
    for (const sent of ['x'.repeat(129), 'two words']) {
      const answer = await gateway.call('POST', `/tenants/${randomUUID()}/suspend`, { headers: { 'x-request-id': sent }, body: {} });
      const requestId = answer.headers.get('x-request-id');
      expect(requestId).not.toBe(sent);
      // The audit row is written as the answer goes out: wait for it rather than race it.
      const entry = await waitFor(async () => ((await gateway.call('GET', '/audit?limit=50')).body['items'] as { requestId: string; correlationId: string | null }[]).find((e) => e.requestId === requestId), { timeoutMs: 10_000, intervalMs: 100, what: `the audit row of ${requestId}` });
      expect(entry.correlationId).toBeNull();
    }
  });
});
