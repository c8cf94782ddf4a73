// The registry's internal API and lifecycle against the real service process, Kafka and Postgres.
import { randomUUID } from 'node:crypto';
import { eventMessage, internalAuthHeaders, produce, readTopic, testKafka, waitFor } from '@tenantry/testing';
import { TOPICS } from '@tenantry/contracts';
import { Answer, RegistryClient, registryUnderTest, suffix, TenantViewBody } from './tenant-registry-client';

interface TenantPage {
  items: TenantViewBody[];
  nextCursor: string | null;
}

jest.setTimeout(120_000);

const PROBLEM_JSON = 'application/problem+json';
const DAY_MS = 86_400_000;

describe('tenant-registry internal API', () => {
  const kafka = testKafka();
  const registry = registryUnderTest();
  let api: RegistryClient;
  beforeAll(() => {
    api = registry.api();
  });
  const createTenant = (plan = 'growth', overrides: Record<string, unknown> = {}): Promise<TenantViewBody> => api.createTenant(plan, overrides);

  async function provisioned(tenantId: string): Promise<void> {
    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, [
      eventMessage('TenantProvisioned', { tenantId, schemaName: `tenant_${tenantId.slice(0, 8)}`, storageRoot: `/data/${tenantId}`, hostname: 'x.tenantry.local', at: new Date().toISOString() }),
    ]);
  }

  async function statusBecomes(tenantId: string, status: string): Promise<TenantViewBody> {
    return waitFor(
      async () => {
        const { body } = await api.get(tenantId);
        return body.status === status ? body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: `tenant ${tenantId} to become ${status}` },
    );
  }

  it('creates a tenant: 201 with Location and ETag, and TenantCreated keyed by the tenant id on Kafka', async () => {
    const label = `acme-${suffix()}`;
    const answer = await api.create({ name: 'Acme Inc.', domain: label, plan: 'starter', adminEmail: 'ops@acme.example' }, { 'x-request-id': `req-${label}` });

    expect(answer.status).toBe(201);
    const id = answer.body.id;
    expect(answer.headers.get('location')).toBe(`/internal/v1/tenants/${id}`);
    expect(answer.headers.get('etag')).toBe('W/"1"');
    expect(answer.body).toMatchObject({
      slug: label,
      name: 'Acme Inc.',
      status: 'provisioning',
      statusReason: null,
      domain: { type: 'subdomain', value: label, hostname: `${label}.tenantry.local`, ssl: true },
      plan: { id: 'starter', trial: true, duration: 14, trialEndsAt: null },
      adminEmail: 'ops@acme.example',
      configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
      resources: { storage: 10, bandwidth: 100, users: 25 },
      version: 1,
    });

    const messages = await readTopic(kafka, TOPICS.TENANT_LIFECYCLE.name, (all) => all.some((m) => m.key === id && m.headers['ce_type'] === 'TenantCreated'));
    const created = messages.find((m) => m.key === id && m.headers['ce_type'] === 'TenantCreated');
    expect(created?.headers['ce_tenantid']).toBe(id);
    expect(created?.headers['ce_source']).toBe('/tenantry/tenant-registry');
    expect(JSON.parse(created?.value ?? '{}')).toMatchObject({ tenantId: id, slug: label, plan: { id: 'starter', trial: true, duration: 14 } });

    const fetched = await api.get(id);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('etag')).toBe(`W/"${fetched.body.version}"`);
    expect(fetched.body).toMatchObject({ id, slug: label });
  });

  it('accepts the full TenantProvisioningConfig form with a custom domain', async () => {
    const host = `shop-${suffix()}.example.com`;
    const answer = await api.create({
      name: `Shop ${host}`,
      adminEmail: 'ops@shop.example',
      domain: { type: 'custom', value: host, ssl: false },
      plan: { id: 'growth', trial: true, duration: 30 },
      configuration: { theme: 'dark', language: 'fr-FR', timezone: 'Europe/Paris', currency: 'EUR' },
      resources: { storage: 5, bandwidth: 50, users: 10 },
    });

    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      domain: { type: 'custom', value: host, hostname: host, ssl: false },
      plan: { id: 'growth', trial: true, duration: 30 },
      configuration: { theme: 'dark', language: 'fr-FR', timezone: 'Europe/Paris', currency: 'EUR' },
      resources: { storage: 5, bandwidth: 50, users: 10 },
    });
  });

  it('starts the trial when provisioning reports success for a trial plan', async () => {
    const tenant = await createTenant('starter');
    const before = Date.now();

    await provisioned(tenant.id);
    const trial = await statusBecomes(tenant.id, 'trial');

    const endsAt = Date.parse(trial.plan.trialEndsAt ?? '');
    expect(endsAt).toBeGreaterThanOrEqual(before + 14 * DAY_MS - 1_000);
    expect(endsAt).toBeLessThan(Date.now() + 14 * DAY_MS + 1_000);
    expect(trial.version).toBe(2);
  });

  it('activates on success for a plan without trial, then suspends, refuses a second suspension, reactivates, with history', async () => {
    const tenant = await createTenant('growth');
    await provisioned(tenant.id);
    await statusBecomes(tenant.id, 'active');

    const suspended = await api.call<TenantViewBody>('POST', `/internal/v1/tenants/${tenant.id}/suspend`, { reason: 'unpaid invoices' }, {}, { requestId: 'req-suspend-1' });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: 'unpaid invoices', version: 3 });
    expect(suspended.headers.get('etag')).toBe('W/"3"');

    const again = await api.call('POST', `/internal/v1/tenants/${tenant.id}/suspend`, {});
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(again.body).toMatchObject({ type: 'https://tenantry.dev/problems/illegal-transition', status: 409, currentStatus: 'suspended', detail: expect.stringContaining('suspended') });

    const reactivated = await api.call<TenantViewBody>('POST', `/internal/v1/tenants/${tenant.id}/reactivate`);
    expect(reactivated.status).toBe(200);
    expect(reactivated.body).toMatchObject({ status: 'active', statusReason: null, version: 4 });

    const history = await api.call<{ items: Record<string, unknown>[] }>('GET', `/internal/v1/tenants/${tenant.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({ from: null, to: 'provisioning', actor: 'key:int-test' }),
      expect.objectContaining({ from: 'provisioning', to: 'active', actor: 'provisioning' }),
      expect.objectContaining({ from: 'active', to: 'suspended', reason: 'unpaid invoices', actor: 'key:int-test', requestId: 'req-suspend-1' }),
      expect.objectContaining({ from: 'suspended', to: 'active', actor: 'key:int-test' }),
    ]);

    const events = await readTopic(kafka, TOPICS.TENANT_LIFECYCLE.name, (all) => all.filter((m) => m.key === tenant.id).length >= 5);
    expect(events.filter((m) => m.key === tenant.id).map((m) => m.headers['ce_type'])).toEqual(['TenantCreated', 'TenantLimitsChanged', 'TenantActivated', 'TenantSuspended', 'TenantReactivated']);
  });

  describe('authentication: only a gateway-signed token for the registry is accepted, and only it says who acts', () => {
    const refusals: [string, Record<string, string>][] = [
      ['no token', { authorization: '' }],
      ['no token but identity headers', { authorization: '', 'x-tenantry-actor': 'key:forged', 'x-tenantry-role': 'platform-admin' }],
      ['a token for metering', internalAuthHeaders({ audience: 'metering' })],
      ['an expired token', internalAuthHeaders({ audience: 'tenant-registry', issuedAt: new Date(Date.now() - 120_000), lifetimeSeconds: 30 })],
      ['a token with a changed payload', { authorization: `Bearer ${tampered()}` }],
    ];

    function tampered(): string {
      const [header, payload, signature] = internalAuthHeaders({ audience: 'tenant-registry', role: 'read-only' })['authorization']?.slice('Bearer '.length).split('.') ?? [];
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
      return `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'platform-admin' })).toString('base64url')}.${signature}`;
    }

    it.each(refusals)('answers 401 problem+json with WWW-Authenticate to %s, on reads and on changes, and changes nothing', async (_case, headers) => {
      const tenant = await createTenant('growth');
      const limitsBefore = (await api.call('GET', `/internal/v1/tenants/${tenant.id}/limits`)).body;
      const label = `t-${suffix()}`;
      const calls: [string, string, unknown][] = [
        ['POST', '/internal/v1/tenants', { name: `Tenant ${label}`, domain: label, plan: 'growth', adminEmail: `ops@${label}.example` }],
        ['POST', `/internal/v1/tenants/${tenant.id}/suspend`, { reason: 'forged' }],
        ['PUT', `/internal/v1/tenants/${tenant.id}`, { name: 'Renamed' }],
        ['DELETE', `/internal/v1/tenants/${tenant.id}`, undefined],
        ['PUT', `/internal/v1/tenants/${tenant.id}/limits`, { storage: { limit: 1 }, users: { limit: 1 }, bandwidth: { limit: 1 } }],
        ['GET', `/internal/v1/tenants/${tenant.id}`, undefined],
        ['GET', '/internal/v1/tenants', undefined],
        ['GET', `/internal/v1/tenants/${tenant.id}/history`, undefined],
      ];
      for (const [method, path, body] of calls) {
        const answer = await api.call(method, path, body, headers);
        expect([method, path, answer.status]).toEqual([method, path, 401]);
        expect(answer.headers.get('content-type')).toContain(PROBLEM_JSON);
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="tenantry-internal"/);
        expect(answer.body).toMatchObject({ type: 'https://tenantry.dev/problems/unauthenticated', status: 401 });
      }
      const after = await api.get(tenant.id);
      expect(after.body).toMatchObject({ status: 'provisioning', name: tenant.name, version: tenant.version });
      expect((await api.call<TenantPage>('GET', `/internal/v1/tenants?q=${label}`)).body.items).toEqual([]);
      expect((await api.call('GET', `/internal/v1/tenants/${tenant.id}/limits`)).body).toEqual(limitsBefore);
      expect((await api.call<{ items: unknown[] }>('GET', `/internal/v1/tenants/${tenant.id}/history`)).body.items).toHaveLength(1);
    });

    it("records the token's actor and request ids in the history, whatever identity headers the call carries", async () => {
      const tenant = await createTenant('growth');
      await provisioned(tenant.id);
      await statusBecomes(tenant.id, 'active');
      const forged = { 'x-tenantry-actor': 'key:someone-else', 'x-tenantry-role': 'platform-admin', 'x-request-id': 'forged-request-id' };
      const suspended = await api.call('POST', `/internal/v1/tenants/${tenant.id}/suspend`, { reason: 'checked' }, forged, { actor: 'key:the-caller', role: 'support', requestId: 'gw-req-1', correlationId: 'client-corr-1' });
      expect(suspended.status).toBe(200);
      expect(suspended.headers.get('x-request-id')).toBe('gw-req-1');
      const history = await api.call<{ items: Record<string, unknown>[] }>('GET', `/internal/v1/tenants/${tenant.id}/history`);
      expect(history.body.items.at(-1)).toMatchObject({ from: 'active', to: 'suspended', actor: 'key:the-caller', requestId: 'gw-req-1', correlationId: 'client-corr-1' });
    });

    it('keeps health open, and metrics on the management port', async () => {
      for (const path of ['/health/live', '/health/ready']) expect((await fetch(`${registry.service().url}${path}`)).status).toBe(200);
      // Metrics are on the management port only (no token there, no API routes either).
      expect((await fetch(`${registry.service().url}/metrics`)).status).toBe(404);
      expect((await fetch(`${registry.service().managementUrl}/metrics`)).status).toBe(200);
    });
  });

  it('ignores a duplicate outcome for a tenant already active and keeps consuming', async () => {
    const tenant = await createTenant('growth');
    await provisioned(tenant.id);
    await statusBecomes(tenant.id, 'active');

    await provisioned(tenant.id);
    const other = await createTenant('growth');
    await provisioned(other.id);
    await statusBecomes(other.id, 'active');

    const { body } = await api.get(tenant.id);
    expect(body).toMatchObject({ status: 'active', version: 2 });
    const history = await api.call<{ items: unknown[] }>('GET', `/internal/v1/tenants/${tenant.id}/history`);
    expect(history.body.items).toHaveLength(2);
  });

  it('records a provisioning failure, retries it, and offboards to deleted', async () => {
    const tenant = await createTenant('growth');
    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, [
      eventMessage('TenantProvisioningFailed', { tenantId: tenant.id, step: 'database', reason: 'role already exists', attempts: 3, at: new Date().toISOString() }),
    ]);
    const failed = await statusBecomes(tenant.id, 'provisioning_failed');
    expect(failed.statusReason).toBe('database: role already exists');

    const retried = await api.call<TenantViewBody>('POST', `/internal/v1/tenants/${tenant.id}/provisioning/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body.status).toBe('provisioning');
    const retryAgain = await api.call('POST', `/internal/v1/tenants/${tenant.id}/provisioning/retry`);
    expect(retryAgain.status).toBe(409);
    expect(retryAgain.body).toMatchObject({ currentStatus: 'provisioning' });

    await provisioned(tenant.id);
    await statusBecomes(tenant.id, 'active');
    const badReason = await api.call<{ errors: { field: string }[] }>('DELETE', `/internal/v1/tenants/${tenant.id}?reason=`);
    expect({ status: badReason.status, fields: badReason.body.errors?.map((e) => e.field) }).toEqual({ status: 400, fields: ['reason'] });
    const offboarding = await api.call<TenantViewBody>('DELETE', `/internal/v1/tenants/${tenant.id}?reason=${encodeURIComponent('customer request')}`);
    expect(offboarding.status).toBe(202);
    expect(offboarding.body.status).toBe('offboarding');

    const update = await api.call('PUT', `/internal/v1/tenants/${tenant.id}`, { name: 'Too late' });
    expect(update.status).toBe(409);
    expect(update.body).toMatchObject({ type: 'https://tenantry.dev/problems/illegal-transition', currentStatus: 'offboarding' });

    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, [
      eventMessage('TenantOffboarded', { tenantId: tenant.id, archiveUri: 'file:///tmp/a.tgz', archiveSha256: 'a'.repeat(64), retainedUntil: new Date().toISOString(), at: new Date().toISOString() }),
    ]);
    await statusBecomes(tenant.id, 'deleted');
    const events = await readTopic(kafka, TOPICS.TENANT_LIFECYCLE.name, (all) => all.some((m) => m.key === tenant.id && m.headers['ce_type'] === 'TenantDeleted'));
    expect(events.filter((m) => m.key === tenant.id).map((m) => m.headers['ce_type'])).toEqual([
      'TenantCreated',
      'TenantLimitsChanged',
      'TenantProvisioningRetryRequested',
      'TenantActivated',
      'TenantOffboardingStarted',
      'TenantDeleted',
    ]);
    const started = events.find((m) => m.key === tenant.id && m.headers['ce_type'] === 'TenantOffboardingStarted');
    expect(JSON.parse(started?.value ?? '{}')).toMatchObject({ to: 'offboarding', reason: 'customer request' });
  });

  it('updates under If-Match: a stale version is refused with 412, the current one accepted with a new ETag', async () => {
    const tenant = await createTenant('growth');
    const read = await api.get(tenant.id);
    const etag = read.headers.get('etag') ?? '';

    const ok = await api.call<TenantViewBody>('PUT', `/internal/v1/tenants/${tenant.id}`, { name: 'Renamed', plan: 'starter', configuration: { currency: 'EUR' } }, { 'if-match': etag });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: 'Renamed', plan: { id: 'starter', trial: true }, configuration: { currency: 'EUR' }, version: read.body.version + 1 });
    expect(ok.headers.get('etag')).toBe(`W/"${read.body.version + 1}"`);

    const stale = await api.call('PUT', `/internal/v1/tenants/${tenant.id}`, { name: 'Lost update' }, { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(stale.body).toMatchObject({ type: 'https://tenantry.dev/problems/precondition-failed' });
    expect((await api.get(tenant.id)).body).toMatchObject({ name: 'Renamed' });

    const events = await readTopic(kafka, TOPICS.TENANT_LIFECYCLE.name, (all) => all.some((m) => m.key === tenant.id && m.headers['ce_type'] === 'TenantConfigChanged'));
    const descriptive = new Set(['TenantCreated', 'TenantUpdated', 'TenantPlanChanged', 'TenantConfigChanged']);
    expect(events.filter((m) => m.key === tenant.id && descriptive.has(m.headers['ce_type'] ?? '')).map((m) => m.headers['ce_type'])).toEqual([...descriptive]);
  });

  it('refuses a taken domain (create and update), a reserved name and an unknown plan', async () => {
    const tenant = await createTenant('growth');
    const other = await createTenant('growth');
    const label = tenant.slug;

    const duplicate = await api.create({ name: 'Copycat', domain: `${label}.tenantry.local`, plan: 'free', adminEmail: 'a@b.example' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ type: 'https://tenantry.dev/problems/domain-taken' });

    const moved = await api.call('PUT', `/internal/v1/tenants/${other.id}`, { domain: label });
    expect(moved.status).toBe(409);
    expect(moved.body).toMatchObject({ type: 'https://tenantry.dev/problems/domain-taken' });

    const host = `custom-${suffix()}.example.org`;
    expect((await api.create({ name: `C ${host}`, domain: host, plan: 'free', adminEmail: 'a@b.example' })).status).toBe(201);
    const customAgain = await api.create({ name: `D ${host}`, domain: { type: 'custom', value: host.toUpperCase(), ssl: true }, plan: 'free', adminEmail: 'a@b.example' });
    expect(customAgain.status).toBe(409);
    expect(customAgain.body).toMatchObject({ type: 'https://tenantry.dev/problems/domain-taken' });

    const reserved = await api.create({ name: 'Admin', domain: 'admin', plan: 'free', adminEmail: 'a@b.example' });
    expect(reserved.status).toBe(400);
    expect(reserved.body).toMatchObject({ type: 'https://tenantry.dev/problems/reserved-name' });

    const unknownPlan = await api.create({ name: 'Nope', domain: `p-${suffix()}`, plan: 'platinum', adminEmail: 'a@b.example' });
    expect(unknownPlan.status).toBe(422);
    expect(unknownPlan.body).toMatchObject({ type: 'https://tenantry.dev/problems/unknown-plan' });

    const missing = await api.get(randomUUID());
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: 'https://tenantry.dev/problems/tenant-not-found' });
  });

  describe('bad input answers 400 problem+json naming the fields, and creates nothing', () => {
    const marker = `bad-${suffix()}`;
    const valid = () => ({ name: `${marker} tenant`, domain: `${marker}-${suffix()}`, plan: 'growth', adminEmail: 'ops@example.com' });

    it.each([
      ['wrong types', { name: 42, domain: `${marker}-x`, plan: 'growth', adminEmail: 'ops@example.com' }, ['name']],
      ['an unknown field', { ...valid(), colour: 'blue' }, ['colour']],
      ['an unknown nested field', { ...valid(), domain: { type: 'subdomain', value: `${marker}-y`, ssl: true, port: 443 } }, ['domain.port']],
      ['a bad email', { ...valid(), adminEmail: 'not-an-email' }, ['adminEmail']],
      ['a bad time zone, currency and language', { ...valid(), configuration: { timezone: 'Mars/Olympus', currency: 'EURO', language: 'en_!!' } }, ['configuration.timezone', 'configuration.currency', 'configuration.language']],
      ['a huge name', { ...valid(), name: `${marker} ${'x'.repeat(10_000)}` }, ['name']],
      ['missing fields', { name: `${marker} tenant` }, ['adminEmail', 'domain', 'plan']],
      ['negative resources', { ...valid(), resources: { storage: -1, users: 1.5 } }, ['resources.storage', 'resources.users']],
      ['an invalid subdomain', { ...valid(), domain: 'x' }, ['domain.value']],
      ['null plan', { ...valid(), plan: null }, ['plan']],
    ])('POST with %s', async (_case, body, fields) => {
      const answer = await api.create(body);

      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(answer.body).toMatchObject({ type: 'https://tenantry.dev/problems/validation-failed', status: 400 });
      const named = (answer.body as unknown as { errors: { field: string }[] }).errors.map((error) => error.field);
      for (const field of fields) expect(named).toContain(field);
    });

    it('POST with broken JSON', async () => {
      const answer = await api.create('{"name": "broken",');

      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain(PROBLEM_JSON);
    });

    it('PUT, suspend, list and id routes validate too', async () => {
      const tenant = await createTenant('growth', { configuration: { timezone: 'Asia/Tokyo' } });
      const base = `/internal/v1/tenants/${tenant.id}`;
      const cases: [string, string, unknown, string][] = [
        ['PUT', base, {}, 'body'],
        ['PUT', base, { name: '' }, 'name'],
        ['PUT', base, { configuration: { timezone: 'Nowhere/Town' } }, 'configuration.timezone'],
        ['PUT', base, { status: 'active' }, 'status'],
        ['POST', `${base}/suspend`, { reason: 'x'.repeat(501) }, 'reason'],
        ['POST', `${base}/suspend`, { reason: 5 }, 'reason'],
        ['GET', '/internal/v1/tenants?limit=0', undefined, 'limit'],
        ['GET', '/internal/v1/tenants?limit=abc', undefined, 'limit'],
        ['GET', '/internal/v1/tenants?sort=size', undefined, 'sort'],
        ['GET', '/internal/v1/tenants?status=sleeping', undefined, 'status'],
        ['GET', '/internal/v1/tenants?cursor=not-a-cursor', undefined, 'cursor'],
        ['GET', '/internal/v1/tenants?colour=blue', undefined, 'colour'],
        ['GET', '/internal/v1/tenants/not-a-uuid', undefined, 'id'],
      ];
      for (const [method, path, body, field] of cases) {
        const answer = await api.call<{ errors?: { field: string }[] }>(method, path, body);
        expect({ method, path, status: answer.status }).toEqual({ method, path, status: 400 });
        expect(answer.headers.get('content-type')).toContain(PROBLEM_JSON);
        expect((answer.body.errors ?? []).map((error) => error.field)).toContain(field);
      }
      expect((await api.get(tenant.id)).body).toMatchObject({ name: tenant.name, statusReason: null, configuration: { timezone: 'Asia/Tokyo' } });
    });

    it('created none of the tenants it refused', async () => {
      const list = await api.call<{ items: unknown[] }>('GET', `/internal/v1/tenants?q=${marker}`);
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([]);
    });
  });

  it('paginates stably while tenants are being created: every earlier tenant exactly once, in order', async () => {
    const marker = `page-${suffix()}`;
    const existing: string[] = [];
    for (let i = 0; i < 12; i++) {
      const answer = await api.create({ name: `${marker} ${String(i).padStart(2, '0')}`, domain: `${marker}-${i}`, plan: 'free', adminEmail: 'ops@example.com' });
      existing.push(answer.body.id);
    }

    for (const sort of ['createdAt', '-createdAt', 'name', '-name'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let inserted = 0;
      do {
        const page: Answer<TenantPage> = await api.call<TenantPage>('GET', `/internal/v1/tenants?limit=5&q=${marker}&sort=${encodeURIComponent(sort)}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((item) => item.id));
        cursor = page.body.nextCursor;
        // Concurrent inserts between pages, sorting both before and after the walk's position.
        await Promise.all(
          ['00', 'zz'].map((prefix) => api.create({ name: `${marker} ${prefix} ${sort} ${inserted}`, domain: `${marker}-${suffix()}`, plan: 'free', adminEmail: 'ops@example.com' })),
        );
        inserted += 1;
      } while (cursor);

      expect(new Set(seen).size).toBe(seen.length);
      const earlier = seen.filter((id) => existing.includes(id));
      expect([...earlier].sort()).toEqual([...existing].sort());
      // Names sort as created (zero-padded); creation times may tie, so only names give an exact order.
      if (sort === 'name') expect(earlier).toEqual(existing);
      if (sort === '-name') expect(earlier).toEqual([...existing].reverse());
    }

    const byPlan = await api.call<{ items: TenantViewBody[] }>('GET', `/internal/v1/tenants?q=${marker}&plan=free&limit=100`);
    expect(byPlan.body.items.length).toBeGreaterThanOrEqual(12);
    expect(byPlan.body.items.every((item) => item.plan.id === 'free')).toBe(true);
    const first = existing[0] as string;
    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, [eventMessage('TenantProvisioned', { tenantId: first, schemaName: 's', storageRoot: '/d', hostname: 'h', at: new Date().toISOString() })]);
    await statusBecomes(first, 'active');
    const byStatus = await api.call<{ items: TenantViewBody[] }>('GET', `/internal/v1/tenants?q=${marker}&status=active&limit=100`);
    expect(byStatus.body.items.map((item) => item.id)).toContain(first);
    expect(byStatus.body.items.every((item) => item.status === 'active')).toBe(true);
    const none = await api.call<{ items: TenantViewBody[] }>('GET', `/internal/v1/tenants?q=${marker}&plan=enterprise`);
    expect(none.body.items).toEqual([]);
  });
});
