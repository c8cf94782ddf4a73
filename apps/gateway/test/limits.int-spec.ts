// The public limits routes through the compiled gateway to the real tenant registry: validation, role matrix, audit.
import { randomUUID } from 'node:crypto';
import { RunningService, startService, waitUntilReady } from '@tenantry/testing';
import { closedPort } from './support/fake-upstream';
import { GatewayClient, problemType, startGateway } from './support/gateway-client';

jest.setTimeout(120_000);

const LIMITS = { storage: { limit: 50, mode: 'hard' }, users: { limit: 25 }, bandwidth: { limit: 100 }, apiCalls: { limit: 100000, mode: 'hard' } };

describe('gateway limits routes', () => {
  let registry: RunningService;
  let gateway: GatewayClient;
  let tenantId: string;

  beforeAll(async () => {
    registry = await startService('tenant-registry', { TRIAL_CHECK_INTERVAL_MS: '3600000' });
    await waitUntilReady(registry);
    gateway = await startGateway({ REGISTRY_URL: registry.url, PROVISIONING_URL: `http://127.0.0.1:${await closedPort()}` });
    const label = `gl-${randomUUID().slice(0, 8)}`;
    const created = await gateway.call('POST', '/tenants', { body: { name: `Limits ${label}`, domain: label, plan: 'starter', adminEmail: `ops@${label}.example` } });
    expect(created.status).toBe(201);
    tenantId = created.body['id'] as string;
  });

  afterAll(async () => {
    await gateway?.stop();
    await registry?.process.kill('SIGTERM');
  });

  it('serves the derived limits, replaces them on PUT and audits the change', async () => {
    const derived = await gateway.call('GET', `/tenants/${tenantId}/limits`);
    expect(derived.status).toBe(200);
    expect(derived.body).toEqual({ storage: { limit: 10, mode: 'soft' }, users: { limit: 25, mode: 'soft' }, bandwidth: { limit: 100, mode: 'soft' }, version: 1, updatedAt: expect.any(String) });

    const put = await gateway.call('PUT', `/tenants/${tenantId}/limits`, { body: LIMITS, headers: { 'x-request-id': `limits-${tenantId}` } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ storage: { limit: 50, mode: 'hard' }, users: { limit: 25, mode: 'soft' }, apiCalls: { limit: 100000, mode: 'hard' }, version: 2 });
    expect((await gateway.call('GET', `/tenants/${tenantId}/limits`)).body).toEqual(put.body);

    const audit = await gateway.call('GET', `/audit?tenantId=${tenantId}`);
    expect(audit.body['items']).toContainEqual(
      expect.objectContaining({ method: 'PUT', route: '/api/v1/platform/tenants/:id/limits', status: 200, tenantId, requestId: put.headers.get('x-request-id'), correlationId: `limits-${tenantId}` }),
    );
  });

  it('refuses bad bodies at the door with 400 naming the fields, and changes nothing', async () => {
    const before = await gateway.call('GET', `/tenants/${tenantId}/limits`);
    const cases: [unknown, string[]][] = [
      [{ ...LIMITS, storage: { limit: -1 }, apiCalls: { limit: 10, mode: 'strict' } }, ['storage.limit', 'apiCalls.mode']],
      [{ storage: { limit: 1 } }, ['users', 'bandwidth']],
      [{ ...LIMITS, users: { limit: 1.5 }, extra: true }, ['users.limit', 'extra']],
      [[LIMITS], ['body']],
    ];
    for (const [body, fields] of cases) {
      const answer = await gateway.call('PUT', `/tenants/${tenantId}/limits`, { body });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body['type']).toBe(problemType('validation-failed'));
      const named = (answer.body['errors'] as { field: string }[]).map((error) => error.field);
      expect(named).toEqual(expect.arrayContaining(fields));
    }
    expect((await gateway.call('GET', `/tenants/${tenantId}/limits`)).body).toEqual(before.body);
  });

  it('applies the role matrix: support reads but cannot PUT, a tenant admin reads its own only', async () => {
    const support = (await gateway.issueKey('support')).key;
    expect((await gateway.call('GET', `/tenants/${tenantId}/limits`, { key: support })).status).toBe(200);
    const refused = await gateway.call('PUT', `/tenants/${tenantId}/limits`, { key: support, body: LIMITS });
    expect(refused.status).toBe(403);
    expect(refused.body['type']).toBe(problemType('forbidden'));

    const own = (await gateway.issueKey('tenant-admin', tenantId)).key;
    const read = await gateway.call('GET', `/tenants/${tenantId}/limits`, { key: own });
    expect(read.status).toBe(200);
    expect(read.body['storage']).toBeDefined();
    expect((await gateway.call('PUT', `/tenants/${tenantId}/limits`, { key: own, body: LIMITS })).body['type']).toBe(problemType('forbidden'));

    const label = `gl-${randomUUID().slice(0, 8)}`;
    const other = await gateway.call('POST', '/tenants', { body: { name: `Other ${label}`, domain: label, plan: 'free', adminEmail: `ops@${label}.example` } });
    const hidden = await gateway.call('GET', `/tenants/${other.body['id'] as string}/limits`, { key: own });
    expect(hidden.status).toBe(404);
    expect(hidden.body['type']).toBe(problemType('tenant-not-found'));
  });

  it('passes the registry 404 through for an unknown tenant', async () => {
    const answer = await gateway.call('GET', `/tenants/${randomUUID()}/limits`);
    expect(answer.status).toBe(404);
    expect(answer.body['type']).toBe(problemType('tenant-not-found'));
  });
});
