// Authentication, the admin routes × roles matrix, API key lifecycle and the audit log, against the compiled gateway.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TOPICS } from '@tenantry/contracts';
import { createDataSource } from '@tenantry/persistence';
import { databaseUrl, devSecretsEnv, eventMessage, produce, spawnProcess, testKafka, waitFor } from '@tenantry/testing';
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
    expect(entry).toMatchObject({ role: 'support', prefix: key.slice(0, 8), revokedAt: null, revokedReason: null, lastUsedAt: expect.any(String) });
    expect(listed.text).not.toContain(key.slice(0, 9));
    // The last use is written once a minute at most: a second use right after leaves it as it was.
    expect((await gateway.call('GET', '/tenants', { key })).status).toBe(200);
    const relisted = (await gateway.call('GET', '/api-keys')).body['items'] as Record<string, unknown>[];
    expect(relisted.find((item) => item['id'] === issued.body['id'])?.['lastUsedAt']).toBe(entry?.['lastUsedAt']);

    expect((await gateway.call('DELETE', `/api-keys/${issued.body['id'] as string}`)).status).toBe(204);
    const refused = await gateway.call('GET', '/tenants', { key });
    expect(refused.status).toBe(401);
    expect(refused.body['type']).toBe(problemType('unauthenticated'));
    const after = (await gateway.call('GET', '/api-keys')).body['items'] as Record<string, unknown>[];
    expect(after.find((item) => item['id'] === issued.body['id'])).toMatchObject({ revokedAt: expect.any(String), revokedReason: 'revoked' });
  });

  it('shows nothing of the human-chosen bootstrap key in listings', async () => {
    const listed = await gateway.call('GET', '/api-keys');
    expect(listed.status).toBe(200);
    const bootstrap = (listed.body['items'] as Record<string, unknown>[]).filter((item) => item['name'] === 'bootstrap-admin' && item['revokedAt'] === null);
    // The configured key's row shows no prefix. A gateway once started on this database without the
    // variable may have generated its own bootstrap key: that one shows its generated `tnt_` prefix.
    expect(bootstrap.filter((item) => item['prefix'] === null).length).toBeGreaterThan(0);
    for (const item of bootstrap) if (item['prefix'] !== null) expect(item['prefix']).toMatch(/^tnt_/);
    // The configured key is `test-admin-<random hex>`: not even its first characters are shown.
    expect(listed.text).not.toContain(gateway.adminKey.slice(0, 6));
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
      key = (await gateway.issueKey(role, role === 'tenant-admin' ? stack.tenant() : undefined)).key;
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

  describe('a tenant-admin key and its tenant', () => {
    const kafka = testKafka();

    async function keysOf(tenantId: string): Promise<Record<string, unknown>[]> {
      return ((await gateway.call('GET', '/api-keys')).body['items'] as Record<string, unknown>[]).filter((item) => item['tenantId'] === tenantId);
    }

    it('is refused for a tenant the registry does not know: 422 unknown-tenant naming tenantId, nothing stored', async () => {
      const ghost = randomUUID();
      const refused = await gateway.call('POST', '/api-keys', { body: { name: 'ghost-admin', role: 'tenant-admin', tenantId: ghost } });
      expect(refused.status).toBe(422);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ type: problemType('unknown-tenant'), status: 422, tenantId: ghost, errors: [{ field: 'tenantId', message: expect.any(String) }] });
      expect(registry.received((request) => request.url === `/internal/v1/tenants/${ghost}`)).toHaveLength(1);
      expect(await keysOf(ghost)).toEqual([]);
    });

    it.each(['offboarding', 'deleted'])('is refused for a tenant the registry says is %s', async (status) => {
      const tenantId = stack.tenant(status);
      const refused = await gateway.call('POST', '/api-keys', { body: { name: 'late-admin', role: 'tenant-admin', tenantId } });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ type: problemType('unknown-tenant'), tenantId });
      expect(await keysOf(tenantId)).toEqual([]);
    });

    it('is issued for a tenant the registry has just created, before the gateway has heard of it', async () => {
      const tenantId = stack.tenant('provisioning');
      const issued = await gateway.call('POST', '/api-keys', { body: { name: 'new-admin', role: 'tenant-admin', tenantId } });
      expect(issued.status).toBe(201);
      expect((await gateway.call('GET', `/tenants/${tenantId}`, { key: issued.body['key'] as string })).status).toBe(200);
    });

    it("is revoked with its tenant: the tenant's keys answer 401, the listing says why, and no new key is issued", async () => {
      const tenantId = stack.tenant();
      const first = await gateway.issueKey('tenant-admin', tenantId);
      const second = await gateway.issueKey('tenant-admin', tenantId);
      const neighbour = await gateway.issueKey('tenant-admin', stack.tenant());
      expect((await gateway.call('GET', `/tenants/${tenantId}`, { key: first.key })).status).toBe(200);

      await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantDeleted', { tenantId, from: 'offboarding', to: 'deleted', actor: 'test', at: new Date().toISOString() })]);
      const refused = await waitFor(
        async () => {
          const result = await gateway.call('GET', '/tenants', { key: first.key });
          return result.status === 401 ? result : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 250, what: "the deletion to revoke the tenant's keys" },
      );
      expect(refused.body['type']).toBe(problemType('unauthenticated'));
      expect((await gateway.call('GET', `/tenants/${tenantId}`, { key: second.key })).status).toBe(401);
      expect((await gateway.call('GET', '/tenants', { key: neighbour.key })).status).toBe(200);
      expect(await keysOf(tenantId)).toEqual([
        expect.objectContaining({ id: first.id, revokedAt: expect.any(String), revokedReason: 'tenant-deleted' }),
        expect.objectContaining({ id: second.id, revokedAt: expect.any(String), revokedReason: 'tenant-deleted' }),
      ]);
      // The fake registry still answers `active`: the gateway knows better now.
      const again = await gateway.call('POST', '/api-keys', { body: { name: 'after-deletion', role: 'tenant-admin', tenantId } });
      expect(again.status).toBe(422);
      expect(again.body).toMatchObject({ type: problemType('unknown-tenant'), tenantId });
    });
  });

  describe('stored API keys', () => {
    let database: DataSource;
    const pepper = devSecretsEnv()['API_KEY_PEPPER'] as string;

    beforeAll(async () => {
      database = createDataSource({ url: databaseUrl(), schema: 'gateway', applicationName: 'test:gateway-auth' });
      await database.initialize();
    });

    afterAll(async () => {
      if (database?.isInitialized) await database.destroy();
    });

    const row = async (id: string) => ((await database.query(`SELECT key_hash, hash_scheme FROM api_keys WHERE id = $1`, [id])) as { key_hash: string; hash_scheme: string }[])[0];

    it("are hashed with HMAC-SHA-256 under the server's API_KEY_PEPPER, not a bare SHA-256", async () => {
      const { id, key } = await gateway.issueKey('read-only');
      const stored = await row(id);
      expect(stored?.key_hash).toBe(createHmac('sha256', pepper).update(key).digest('hex'));
      expect(stored?.key_hash).not.toBe(createHash('sha256').update(key).digest('hex'));
      expect(stored?.hash_scheme).toBe('hmac-sha256');
    });

    it('under the old bare SHA-256 still authenticate, and are re-hashed under the pepper on first use', async () => {
      const id = randomUUID();
      const secret = `tnt_${randomBytes(32).toString('base64url')}`;
      // Inserted as a gateway from before the pepper wrote keys: only the columns it knew.
      await database.query(`INSERT INTO api_keys (id, name, prefix, key_hash, role, created_at) VALUES ($1, 'legacy', $2, $3, 'support', now())`, [
        id,
        secret.slice(0, 8),
        createHash('sha256').update(secret).digest('hex'),
      ]);
      expect((await gateway.call('GET', '/tenants', { key: secret })).status).toBe(200);
      expect(await row(id)).toEqual({ key_hash: createHmac('sha256', pepper).update(secret).digest('hex'), hash_scheme: 'hmac-sha256' });
      expect((await gateway.call('GET', '/tenants', { key: secret })).status).toBe(200);
    });

    it.each([
      ['unset', ''],
      ['too short', 'short-pepper'],
    ])('are never hashed without a pepper: API_KEY_PEPPER %s stops the gateway with one line naming it (exit 78)', async (_case, value) => {
      const run = spawnProcess('apps/gateway/src/main.js', { ...devSecretsEnv(), DATABASE_URL: databaseUrl(), PORT: '0', API_KEY_PEPPER: value });
      const { code } = await run.exited;
      expect(code).toBe(78);
      const lines = run.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Invalid environment variable API_KEY_PEPPER: /);
    });
  });
});
