// Authentication, the admin routes × roles matrix, API key lifecycle and the audit log, against the compiled gateway.
import { randomUUID } from 'node:crypto';
import { FakeUpstream } from './support/fake-upstream';
import { GatewayClient, GatewayOnFakeRegistry, problemType, startGatewayOnFakeRegistry } from './support/gateway-client';

jest.setTimeout(120_000);

describe('gateway authentication and authorisation', () => {
  let stack: GatewayOnFakeRegistry;
  let gateway: GatewayClient;
  let registry: FakeUpstream;

  beforeAll(async () => {
    stack = await startGatewayOnFakeRegistry();
    ({ gateway, registry } = stack);
  });

  afterAll(() => stack?.stop());

  it.each([
    ['no Authorization header', null, undefined],
    ['an unknown key', 'tnt_not-a-real-key', undefined],
    ['another scheme', null, { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('answers %s with 401 unauthenticated and WWW-Authenticate: Bearer', async (_case, key, headers) => {
    const result = await gateway.call('GET', '/tenants', { key, headers });
    expect(result.status).toBe(401);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    expect(result.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(result.body).toMatchObject({ type: problemType('unauthenticated'), status: 401 });
    expect(registry.received()).toHaveLength(0);
  });

  it('issues a key that works, shows its secret once and refuses it once revoked', async () => {
    const issued = await gateway.call('POST', '/api-keys', { body: { name: 'ops-support', role: 'support' } });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ name: 'ops-support', role: 'support', tenantId: null, key: expect.stringMatching(/^tnt_/) });
    const key = issued.body['key'] as string;
    expect((await gateway.call('GET', '/tenants', { key })).status).toBe(200);

    const listed = await gateway.call('GET', '/api-keys');
    const entry = (listed.body['items'] as Record<string, unknown>[]).find((item) => item['id'] === issued.body['id']);
    expect(entry).toMatchObject({ role: 'support', prefix: key.slice(0, 12), revokedAt: null });
    expect(listed.text).not.toContain(key);

    expect((await gateway.call('DELETE', `/api-keys/${issued.body['id'] as string}`)).status).toBe(204);
    const refused = await gateway.call('GET', '/tenants', { key });
    expect(refused.status).toBe(401);
    expect(refused.body['type']).toBe(problemType('unauthenticated'));
  });

  it('validates API key requests and 404s an unknown key id', async () => {
    const bad = await gateway.call('POST', '/api-keys', { body: { name: '', role: 'god', tenantId: 'x', extra: 1 } });
    expect(bad.status).toBe(400);
    expect((bad.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(expect.arrayContaining(['name', 'role', 'extra']));
    const unbound = await gateway.call('POST', '/api-keys', { body: { name: 'ta', role: 'tenant-admin' } });
    expect(unbound.status).toBe(400);
    expect((unbound.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['tenantId']);
    expect((await gateway.call('DELETE', `/api-keys/${randomUUID()}`)).body['type']).toBe(problemType('api-key-not-found'));
    expect((await gateway.call('DELETE', '/api-keys/not-a-uuid')).status).toBe(400);
  });

  describe.each(['support', 'billing', 'read-only', 'tenant-admin'])('a %s key', (role) => {
    let key: string;

    beforeAll(async () => {
      key = (await gateway.issueKey(role, role === 'tenant-admin' ? randomUUID() : undefined)).key;
    });

    it.each([
      ['POST', '/api-keys', { name: 'x', role: 'platform-admin' }],
      ['GET', '/api-keys', undefined],
      ['DELETE', '/api-keys/00000000-0000-4000-8000-000000000000', undefined],
      ['GET', '/audit', undefined],
    ])('is refused %s %s with 403 forbidden', async (method, path, body) => {
      const result = await gateway.call(method, path, { key, body });
      expect(result.status).toBe(403);
      expect(result.body).toMatchObject({ type: problemType('forbidden'), status: 403 });
    });
  });

  it('refuses tenant creation to every role but platform-admin, before forwarding', async () => {
    const before = registry.received().length;
    for (const role of ['support', 'billing', 'read-only']) {
      const { key } = await gateway.issueKey(role);
      const result = await gateway.call('POST', '/tenants', { key, body: { name: 'Acme', domain: 'acme', plan: 'starter', adminEmail: 'ops@acme.example' } });
      expect(result.status).toBe(403);
    }
    expect(registry.received().length).toBe(before);
  });

  it('audits mutating calls with who, what, tenant, request id and time, readable by tenant and page', async () => {
    const tenantId = randomUUID();
    const { key, id: keyId } = await gateway.issueKey('support');
    registry.on((request) => (request.url === `/internal/v1/tenants/${tenantId}/suspend` ? { status: 200, body: { id: tenantId, status: 'suspended' } } : undefined));
    const suspended = await gateway.call('POST', `/tenants/${tenantId}/suspend`, { key, body: { reason: 'audit test' }, headers: { 'x-request-id': `audit-${tenantId}` } });
    expect(suspended.status).toBe(200);
    await gateway.call('PUT', `/tenants/${tenantId}`, { key, body: { name: 'nope' } });

    const page = await gateway.call('GET', `/audit?tenantId=${tenantId}&limit=1`);
    expect(page.status).toBe(200);
    const [latest] = page.body['items'] as Record<string, unknown>[];
    expect(latest).toMatchObject({ apiKeyId: keyId, role: 'support', method: 'PUT', route: '/api/v1/platform/tenants/:id', status: 403, tenantId });
    expect(page.body['nextCursor']).toEqual(expect.any(String));
    const next = await gateway.call('GET', `/audit?tenantId=${tenantId}&limit=1&cursor=${page.body['nextCursor'] as string}`);
    expect(next.body['items']).toEqual([
      expect.objectContaining({
        apiKeyId: keyId,
        method: 'POST',
        route: '/api/v1/platform/tenants/:id/suspend',
        status: 200,
        tenantId,
        requestId: suspended.headers.get('x-request-id'),
        correlationId: `audit-${tenantId}`,
        at: expect.any(String),
      }),
    ]);
    expect(next.body['nextCursor']).toBeNull();
    expect((await gateway.call('GET', '/audit?limit=0&cursor=abc')).status).toBe(400);
  });
});
