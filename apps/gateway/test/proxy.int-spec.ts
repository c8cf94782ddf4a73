// Forwarding to the internal APIs: headers, Location and ETag, problem pass-through, validation at the
// door, tenant scoping, Idempotency-Key, the status projection and unavailable upstreams.
import { randomUUID } from 'node:crypto';
import { TOPICS } from '@tenantry/contracts';
import { eventMessage, produce, readInternalToken, testKafka, waitFor } from '@tenantry/testing';
import { FakeUpstream, RecordedRequest } from './support/fake-upstream';
import { GatewayClient, GatewayOnFakeRegistry, problemType, startGatewayOnFakeRegistry } from './support/gateway-client';

jest.setTimeout(120_000);

const SHORT = { name: 'Acme', domain: 'acme', plan: 'starter', adminEmail: 'ops@acme.example' };

function tenantView(id: string, overrides: Record<string, unknown> = {}) {
  return { id, slug: 'acme', name: 'Acme', status: 'provisioning', version: 1, plan: { id: 'starter', trial: true }, ...overrides };
}

describe('gateway forwarding', () => {
  let stack: GatewayOnFakeRegistry;
  let gateway: GatewayClient;
  let registry: FakeUpstream;

  beforeAll(async () => {
    stack = await startGatewayOnFakeRegistry({ UPSTREAM_TIMEOUT_MS: '1500' });
    ({ gateway, registry } = stack);
    registry.on((request) => {
      const get = /^\/internal\/v1\/tenants\/([0-9a-f-]{36})$/.exec(request.url);
      if (request.method === 'GET' && get) return { status: 200, headers: { etag: 'W/"7"' }, body: tenantView(get[1] as string, { version: 7 }) };
      if (request.url.endsWith('/hang')) return { hang: true, status: 200 };
      return undefined;
    });
  });

  afterAll(() => stack?.stop());

  const forwarded = (predicate: (request: RecordedRequest) => boolean) => registry.received(predicate);

  it('forwards with a token for the registry naming the key, role, tenant and request ids, trace context, and passes ETag through', async () => {
    const id = randomUUID();
    const { id: keyId, key } = await gateway.issueKey('read-only');
    const result = await gateway.call('GET', `/tenants/${id}`, { key, headers: { 'x-request-id': `req-${id}` } });
    expect(result.status).toBe(200);
    expect(result.headers.get('etag')).toBe('W/"7"');
    expect(result.body).toMatchObject({ id, version: 7 });
    const requestId = result.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const [sent] = forwarded((r) => r.url === `/internal/v1/tenants/${id}`);
    const claims = readInternalToken(sent?.headers['authorization'], 'tenant-registry');
    expect(claims).toMatchObject({ iss: 'tenantry-gateway', aud: 'tenant-registry', sub: `key:${keyId}`, role: 'read-only', rid: requestId, cid: `req-${id}` });
    expect(claims.tid).toBeUndefined();
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(60);
    expect(sent?.headers['x-tenantry-actor']).toBeUndefined();
    expect(sent?.headers['x-tenantry-role']).toBeUndefined();
    expect(sent?.headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);

    const { id: adminKeyId, key: tenantKey } = await gateway.issueKey('tenant-admin', id);
    await gateway.call('GET', `/tenants/${id}`, { key: tenantKey, headers: { 'x-request-id': 'x'.repeat(129) } });
    const [scoped] = forwarded((r) => r.url === `/internal/v1/tenants/${id}` && readInternalToken(r.headers['authorization'], 'tenant-registry').sub === `key:${adminKeyId}`);
    const scopedClaims = readInternalToken(scoped?.headers['authorization'], 'tenant-registry');
    expect(scopedClaims).toMatchObject({ role: 'tenant-admin', tid: id });
    expect(scopedClaims.cid).toBeUndefined();
  });

  it('creates through the registry, rewrites Location to the public path and audits the call under the created tenant', async () => {
    const id = randomUUID();
    registry.on((request) =>
      request.method === 'POST' && request.url === '/internal/v1/tenants' && request.body.includes('"create-location"')
        ? { status: 201, headers: { location: `/internal/v1/tenants/${id}`, etag: 'W/"1"' }, body: tenantView(id) }
        : undefined,
    );
    const result = await gateway.call('POST', '/tenants', { body: { ...SHORT, name: 'create-location' } });
    expect(result.status).toBe(201);
    expect(result.headers.get('location')).toBe(`/api/v1/platform/tenants/${id}`);
    expect(result.headers.get('etag')).toBe('W/"1"');
    const [sent] = forwarded((r) => r.body.includes('"create-location"'));
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ ...SHORT, name: 'create-location' });
    expect(sent?.headers['content-type']).toBe('application/json');
    const audited = await waitFor(async () => {
      const items = (await gateway.call('GET', `/audit?tenantId=${id}`)).body['items'] as unknown[] | undefined;
      return items?.length ? items : undefined;
    }, { what: "the created tenant's audit entry" });
    expect(audited).toEqual([expect.objectContaining({ method: 'POST', route: '/api/v1/platform/tenants', status: 201, tenantId: id })]);
  });

  it('passes upstream problems through, adding only the public instance', async () => {
    const id = randomUUID();
    const problem = { type: 'https://tenantry.dev/problems/illegal-transition', title: 'Illegal transition', status: 409, detail: 'tenant is provisioning', currentStatus: 'provisioning', instance: '/internal/x' };
    registry.on((request) => (request.url === `/internal/v1/tenants/${id}/reactivate` ? { status: 409, headers: { 'content-type': 'application/problem+json' }, body: problem } : undefined));
    const result = await gateway.call('POST', `/tenants/${id}/reactivate`);
    expect(result.status).toBe(409);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    expect(result.body).toEqual({ ...problem, instance: `/api/v1/platform/tenants/${id}/reactivate` });
  });

  it('forwards If-Match on updates and the 412 that comes back', async () => {
    const id = randomUUID();
    registry.on((request) =>
      request.method === 'PUT' && request.url === `/internal/v1/tenants/${id}`
        ? { status: 412, headers: { 'content-type': 'application/problem+json' }, body: { type: 'https://tenantry.dev/problems/precondition-failed', title: 'Stale', status: 412 } }
        : undefined,
    );
    const result = await gateway.call('PUT', `/tenants/${id}`, { body: { name: 'New name' }, headers: { 'if-match': 'W/"3"' } });
    expect(result.status).toBe(412);
    expect(forwarded((r) => r.method === 'PUT' && r.url.endsWith(id))[0]?.headers['if-match']).toBe('W/"3"');
  });

  it('answers malformed JSON with 400 malformed-json', async () => {
    const result = await gateway.call('POST', '/tenants', { rawBody: '{"name": "Acme",' });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ type: problemType('malformed-json'), status: 400 });
  });

  it.each([
    ['a form-encoded body', 'name=Acme&domain=acme&plan=starter&adminEmail=ops%40acme.example', 'application/x-www-form-urlencoded'],
    ['plain text', '{"name":"Acme"}', 'text/plain'],
    ['JSON in UTF-16', Buffer.from('{"name":"Acme","domain":"acme","plan":"starter","adminEmail":"ops@acme.example"}', 'utf16le'), 'application/json; charset=utf-16le'],
    ['JSON after a byte-order mark', '\uFEFF{"name":"Acme","domain":"acme","plan":"starter","adminEmail":"ops@acme.example"}', 'application/json'],
  ])('refuses %s with 415 unsupported-media-type and forwards nothing', async (_what, rawBody, contentType) => {
    const before = registry.received().length;
    const result = await gateway.call('POST', '/tenants', { rawBody, headers: { 'content-type': contentType } });
    expect(result.status).toBe(415);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    expect(result.body).toMatchObject({ type: problemType('unsupported-media-type'), status: 415 });
    expect(registry.received().length).toBe(before);
  });

  it('answers bytes that are not UTF-8 with 400 malformed-json', async () => {
    const result = await gateway.call('POST', '/tenants', { rawBody: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ type: problemType('malformed-json'), detail: 'The request body is not valid UTF-8' });
  });

  it('takes JSON that names its charset as UTF-8 to the JSON parser', async () => {
    const result = await gateway.call('POST', '/tenants', { rawBody: '{"name": "Acme",', headers: { 'content-type': 'application/json; charset=UTF-8' } });
    expect(result.body).toMatchObject({ type: problemType('malformed-json'), status: 400 });
  });

  const id = '6b0f7d1e-1111-4111-8111-111111111111';
  it.each([
    ['POST', '/tenants', { name: '', domain: 'x'.repeat(254), plan: 7, adminEmail: 'nope', colour: 'red' }, ['name', 'domain.value', 'plan', 'adminEmail', 'colour']],
    ['POST', '/tenants', { name: 'Acme', adminEmail: null }, ['adminEmail', 'domain', 'plan']],
    [
      'POST',
      '/tenants',
      { name: 'Acme', adminEmail: 'ops@acme.example', domain: { type: 'weird', value: 'acme', ssl: true }, plan: { id: 'starter', trial: 'no' }, configuration: { timezone: 'Mars/Olympus', currency: 'EURO', language: '??' }, resources: { users: -1 } },
      ['domain.type', 'plan.trial', 'configuration.timezone', 'configuration.currency', 'configuration.language', 'resources.users'],
    ],
    ['POST', '/tenants', [], ['body']],
    ['GET', '/tenants?limit=500&sort=sideways&status=gone', undefined, ['limit', 'sort', 'status']],
    ['GET', '/tenants/not-a-uuid', undefined, ['id']],
    ['PUT', `/tenants/${id}`, { name: 'x'.repeat(201), adminEmail: 'a@b.co' }, ['name', 'adminEmail']],
    ['PUT', `/tenants/${id}`, {}, ['body']],
    ['PUT', '/tenants/123', { name: 'ok' }, ['id']],
    ['POST', `/tenants/${id}/suspend`, { reason: 'x'.repeat(501), until: 'tomorrow' }, ['reason', 'until']],
    ['POST', '/tenants/123/reactivate', undefined, ['id']],
    ['DELETE', '/tenants/123', undefined, ['id']],
    ['GET', '/tenants/123/history', undefined, ['id']],
    ['GET', '/tenants/123/provisioning', undefined, ['id']],
    ['GET', `/tenants/${id}/provisioning?all=maybe`, undefined, ['all']],
    ['POST', '/tenants/123/provisioning/retry', undefined, ['id']],
    ['GET', `/tenants/${id}/export?download=please`, undefined, ['download']],
    ['POST', '/tenants/123/domain/verify', undefined, ['id']],
  ])('rejects bad input to %s %s with 400 naming the fields, forwarding nothing', async (method, path, body, fields) => {
    const before = registry.received().length;
    const result = await gateway.call(method, path, { body });
    expect(result.status).toBe(400);
    expect(result.body['type']).toBe(problemType('validation-failed'));
    expect(new Set((result.body['errors'] as { field: string }[]).map((e) => e.field))).toEqual(new Set(fields));
    expect(registry.received().length).toBe(before);
  });

  it('replays the first answer to 20 concurrent creates with one Idempotency-Key and forwards one', async () => {
    const tenant = randomUUID();
    const marker = `idem-${tenant}`;
    registry.on((request) =>
      request.method === 'POST' && request.body.includes(marker)
        ? { status: 201, delayMs: 300, headers: { location: `/internal/v1/tenants/${tenant}`, etag: 'W/"1"' }, body: tenantView(tenant) }
        : undefined,
    );
    const headers = { 'idempotency-key': marker };
    const results = await Promise.all(Array.from({ length: 20 }, () => gateway.call('POST', '/tenants', { body: { ...SHORT, name: marker }, headers })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.text)).size).toBe(1);
    expect(results.every((r) => r.headers.get('location') === `/api/v1/platform/tenants/${tenant}`)).toBe(true);
    expect(forwarded((r) => r.body.includes(marker))).toHaveLength(1);

    const again = await gateway.call('POST', '/tenants', { body: { ...SHORT, name: marker }, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const reused = await gateway.call('POST', '/tenants', { body: { ...SHORT, name: marker, adminEmail: 'other@acme.example' }, headers });
    expect(reused.status).toBe(409);
    expect(reused.body['type']).toBe(problemType('idempotency-key-reused'));
    expect(forwarded((r) => r.body.includes(marker))).toHaveLength(1);
  });

  describe('a tenant-admin key', () => {
    let own: string;
    let key: string;

    beforeAll(async () => {
      own = stack.tenant();
      key = (await gateway.issueKey('tenant-admin', own)).key;
    });

    it('sees its own tenant, alone, in the list', async () => {
      const result = await gateway.call('GET', '/tenants', { key });
      expect(result.status).toBe(200);
      expect(result.body).toEqual({ items: [expect.objectContaining({ id: own })], nextCursor: null });
    });

    it.each([
      ['GET', ''],
      ['PUT', ''],
      ['POST', '/suspend'],
      ['POST', '/reactivate'],
      ['DELETE', ''],
      ['GET', '/history'],
      ['GET', '/provisioning'],
      ['POST', '/provisioning/retry'],
      ['GET', '/export'],
      ['POST', '/domain/verify'],
    ])("gets 404 tenant-not-found for another tenant's %s /tenants/{id}%s, forwarding nothing", async (method, suffix) => {
      const other = randomUUID();
      const result = await gateway.call(method, `/tenants/${other}${suffix}`, { key, body: method === 'PUT' ? { name: 'x' } : undefined });
      expect(result.status).toBe(404);
      expect(result.body['type']).toBe(problemType('tenant-not-found'));
      expect(forwarded((r) => r.url.includes(other))).toHaveLength(0);
    });

    it('may rename its tenant but not change its plan', async () => {
      const refused = await gateway.call('PUT', `/tenants/${own}`, { key, body: { plan: 'enterprise' } });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ type: problemType('forbidden'), fields: ['plan'] });
      const renamed = await gateway.call('PUT', `/tenants/${own}`, { key, body: { name: 'Renamed' } });
      expect(renamed.status).toBe(200);
    });

    it('is refused with 403 tenant-suspended once the gateway hears its tenant was suspended', async () => {
      const at = new Date().toISOString();
      await produce(testKafka(), TOPICS.TENANT_LIFECYCLE.name, [
        eventMessage('TenantSuspended', { tenantId: own, from: 'active', to: 'suspended', reason: 'gateway int test', actor: 'test', at }),
      ]);
      const refused = await waitFor(
        async () => {
          const result = await gateway.call('GET', `/tenants/${own}`, { key });
          return result.status === 403 ? result : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 250, what: 'the suspension to reach the gateway' },
      );
      expect(refused.body['type']).toBe(problemType('tenant-suspended'));
      expect((await gateway.call('GET', '/tenants', { key })).body['type']).toBe(problemType('tenant-suspended'));
      expect((await gateway.call('GET', `/tenants/${own}`)).status).toBe(200);
      // Suspension stops the tenant, not its operators: a platform admin's change goes through.
      expect((await gateway.call('PUT', `/tenants/${own}`, { body: { name: 'x' } })).status).toBe(200);
      expect((await gateway.call('POST', `/tenants/${own}/reactivate`)).status).toBe(200);
    });
  });

  it('hides a tenant the gateway has heard was deleted, except from platform reads', async () => {
    const gone = stack.tenant();
    const key = (await gateway.issueKey('tenant-admin', gone)).key;
    await produce(testKafka(), TOPICS.TENANT_LIFECYCLE.name, [
      eventMessage('TenantDeleted', { tenantId: gone, from: 'offboarding', to: 'deleted', actor: 'test', at: new Date().toISOString() }),
    ]);
    // The deletion revokes the tenant's own keys (auth.int-spec.ts); the platform's see the rest.
    await waitFor(async () => (await gateway.call('GET', `/tenants/${gone}`, { key })).status === 401, { timeoutMs: 60_000, intervalMs: 250, what: 'the deletion to reach the gateway' });
    expect((await gateway.call('GET', `/tenants/${gone}/history`)).status).toBe(200);
    const update = await gateway.call('PUT', `/tenants/${gone}`, { body: { name: 'ghost' } });
    expect(update.status).toBe(404);
    expect(update.body['type']).toBe(problemType('tenant-not-found'));
    expect(forwarded((r) => r.method === 'PUT' && r.url.includes(gone))).toHaveLength(0);
  });

  it('answers 503 upstream-unavailable at once when an upstream is down', async () => {
    const started = Date.now();
    const result = await gateway.call('GET', `/tenants/${randomUUID()}/provisioning`);
    expect(result.status).toBe(503);
    expect(result.body).toMatchObject({ type: problemType('upstream-unavailable'), status: 503 });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('answers 503 upstream-unavailable when an upstream does not answer in time, instead of hanging', async () => {
    const slow = randomUUID();
    registry.on((request) => (request.url === `/internal/v1/tenants/${slow}/history` ? { hang: true, status: 200 } : undefined));
    const started = Date.now();
    const result = await gateway.call('GET', `/tenants/${slow}/history`);
    expect(result.status).toBe(503);
    expect(result.body['type']).toBe(problemType('upstream-unavailable'));
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
