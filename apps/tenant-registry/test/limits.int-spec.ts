// Tenant limits in the registry's internal API against the real service process, Kafka and Postgres.
import { randomUUID } from 'node:crypto';
import { eventMessage, produce, ReceivedMessage, readTopic, testKafka, waitFor } from '@tenantry/testing';
import { TOPICS } from '@tenantry/contracts';
import { RegistryClient, registryUnderTest, TenantViewBody } from './tenant-registry-client';

jest.setTimeout(120_000);

const PROBLEM_JSON = 'application/problem+json';
const LIMITS = { storage: { limit: 50, mode: 'hard' }, users: { limit: 25 }, bandwidth: { limit: 100.5, mode: 'soft' }, apiCalls: { limit: 100000, mode: 'hard' } };

interface LimitsBody {
  storage: { limit: number; mode: string };
  users: { limit: number; mode: string };
  bandwidth: { limit: number; mode: string };
  apiCalls?: { limit: number; mode: string };
  meters?: Record<string, { limit: number; mode: string }>;
  version: number;
  updatedAt: string;
}

interface LimitsChanged {
  tenantId: string;
  version: number;
  limits: { metric: string; limit: string; mode: string }[];
}

describe('tenant-registry limits API', () => {
  const kafka = testKafka();
  const registry = registryUnderTest();
  let api: RegistryClient;
  beforeAll(() => {
    api = registry.api();
  });
  const createTenant = (plan = 'starter', overrides: Record<string, unknown> = {}): Promise<TenantViewBody> => api.createTenant(plan, overrides);

  function limitsChanged(messages: ReceivedMessage[], tenantId: string): LimitsChanged[] {
    return messages.filter((m) => m.key === tenantId && m.headers['ce_type'] === 'TenantLimitsChanged').map((m) => JSON.parse(m.value ?? '{}') as LimitsChanged);
  }

  async function announced(tenantId: string, count: number, settleMs?: number): Promise<LimitsChanged[]> {
    const messages = await readTopic(kafka, TOPICS.TENANT_LIFECYCLE.name, (all) => limitsChanged(all, tenantId).length >= count, { settleMs });
    return limitsChanged(messages, tenantId);
  }

  it('announces the limits derived from the resources, soft and in bytes, with the creation, and serves them', async () => {
    const tenant = await createTenant('starter', { resources: { storage: 2.5, users: 7 } });

    const [first] = await announced(tenant.id, 1);
    expect(first).toEqual({
      tenantId: tenant.id,
      version: 1,
      at: expect.any(String),
      limits: [
        { metric: 'storage_bytes', limit: '2500000000', mode: 'soft' },
        { metric: 'bandwidth_bytes', limit: '100000000000', mode: 'soft' },
        { metric: 'active_users', limit: '7', mode: 'soft' },
      ],
    });
    const read = await api.call<LimitsBody>('GET', `/internal/v1/tenants/${tenant.id}/limits`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ storage: { limit: 2.5, mode: 'soft' }, users: { limit: 7, mode: 'soft' }, bandwidth: { limit: 100, mode: 'soft' }, version: 1, updatedAt: expect.any(String) });
  });

  it('replaces the whole set on PUT and announces it with the next version; later resource changes no longer re-derive it', async () => {
    const tenant = await createTenant('growth');

    const put = await api.call<LimitsBody>('PUT', `/internal/v1/tenants/${tenant.id}/limits`, LIMITS);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      storage: { limit: 50, mode: 'hard' },
      users: { limit: 25, mode: 'soft' },
      bandwidth: { limit: 100.5, mode: 'soft' },
      apiCalls: { limit: 100000, mode: 'hard' },
      version: 2,
    });
    expect((await api.call<LimitsBody>('GET', `/internal/v1/tenants/${tenant.id}/limits`)).body).toEqual(put.body);

    const events = await announced(tenant.id, 2);
    expect(events.map((event) => event.version)).toEqual([1, 2]);
    expect(events[1]?.limits).toEqual([
      { metric: 'storage_bytes', limit: '50000000000', mode: 'hard' },
      { metric: 'bandwidth_bytes', limit: '100500000000', mode: 'soft' },
      { metric: 'active_users', limit: '25', mode: 'soft' },
      { metric: 'api_calls', limit: '100000', mode: 'hard' },
    ]);

    const withoutApiCalls = await api.call<LimitsBody>('PUT', `/internal/v1/tenants/${tenant.id}/limits`, { ...LIMITS, apiCalls: undefined });
    expect(withoutApiCalls.status).toBe(200);
    expect(withoutApiCalls.body.apiCalls).toBeUndefined();
    expect(withoutApiCalls.body.version).toBe(3);

    expect((await api.call('PUT', `/internal/v1/tenants/${tenant.id}`, { resources: { storage: 1 } })).status).toBe(200);
    const after = await readTopic(kafka, TOPICS.TENANT_LIFECYCLE.name, (all) => all.some((m) => m.key === tenant.id && m.headers['ce_type'] === 'TenantUpdated'), { settleMs: 1_500 });
    const versions = limitsChanged(after, tenant.id).map((event) => event.version);
    expect(versions).toEqual([1, 2, 3]);
    expect(limitsChanged(after, tenant.id)[2]?.limits.map((limit) => limit.metric)).toEqual(['storage_bytes', 'bandwidth_bytes', 'active_users']);
    expect((await api.call<LimitsBody>('GET', `/internal/v1/tenants/${tenant.id}/limits`)).body).toMatchObject({ storage: { limit: 50 }, version: 3 });
  });

  it('re-derives and announces limits nobody set when the resources change', async () => {
    const tenant = await createTenant('growth');

    expect((await api.call('PUT', `/internal/v1/tenants/${tenant.id}`, { resources: { users: 40, bandwidth: 0.25 } })).status).toBe(200);

    const events = await announced(tenant.id, 2);
    expect(events[1]).toMatchObject({
      version: 2,
      limits: [
        { metric: 'storage_bytes', limit: '100000000000', mode: 'soft' },
        { metric: 'bandwidth_bytes', limit: '250000000', mode: 'soft' },
        { metric: 'active_users', limit: '40', mode: 'soft' },
      ],
    });
    expect((await api.call<LimitsBody>('GET', `/internal/v1/tenants/${tenant.id}/limits`)).body).toMatchObject({ users: { limit: 40, mode: 'soft' }, version: 2 });
  });

  it('answers 404 for an unknown tenant, 400 for a bad id and 409 for an offboarding tenant', async () => {
    const unknown = randomUUID();
    for (const method of ['GET', 'PUT']) {
      const answer = await api.call(method, `/internal/v1/tenants/${unknown}/limits`, method === 'PUT' ? LIMITS : undefined);
      expect({ method, status: answer.status, type: answer.body['type'] }).toEqual({ method, status: 404, type: 'https://tenantry.dev/problems/tenant-not-found' });
    }
    const badId = await api.call<{ errors: { field: string }[] }>('GET', '/internal/v1/tenants/nope/limits');
    expect(badId.status).toBe(400);
    expect(badId.body.errors.map((error) => error.field)).toEqual(['id']);

    const tenant = await createTenant('growth');
    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, [
      eventMessage('TenantProvisioned', { tenantId: tenant.id, schemaName: `tenant_${tenant.id.slice(0, 8)}`, storageRoot: `/data/${tenant.id}`, hostname: 'x.tenantry.local', at: new Date().toISOString() }),
    ]);
    await waitFor(async () => (await api.get(tenant.id)).body.status === 'active', { timeoutMs: 60_000, what: 'the tenant to become active' });
    expect((await api.call('DELETE', `/internal/v1/tenants/${tenant.id}`)).status).toBe(202);
    const refused = await api.call('PUT', `/internal/v1/tenants/${tenant.id}/limits`, LIMITS);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(refused.body).toMatchObject({ type: 'https://tenantry.dev/problems/illegal-transition', currentStatus: 'offboarding' });
    expect((await api.call<LimitsBody>('GET', `/internal/v1/tenants/${tenant.id}/limits`)).body.version).toBe(1);

    // Deleted: reads and writes agree, 404.
    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, [
      eventMessage('TenantOffboarded', { tenantId: tenant.id, archiveUri: 'file:///tmp/a.tgz', archiveSha256: 'a'.repeat(64), retainedUntil: new Date().toISOString(), at: new Date().toISOString() }),
    ]);
    await waitFor(async () => (await api.get(tenant.id)).body.status === 'deleted', { timeoutMs: 60_000, what: 'the tenant to be deleted' });
    for (const method of ['GET', 'PUT']) {
      const answer = await api.call(method, `/internal/v1/tenants/${tenant.id}/limits`, method === 'PUT' ? LIMITS : undefined);
      expect({ method, status: answer.status, type: answer.body['type'] }).toEqual({ method, status: 404, type: 'https://tenantry.dev/problems/tenant-not-found' });
    }
  });

  it("takes the product description's plain body (numbers as soft limits, keeping a mode already set) and names each bad field once", async () => {
    const tenant = await createTenant('growth');
    const path = `/internal/v1/tenants/${tenant.id}/limits`;
    expect((await api.call<LimitsBody>('PUT', path, LIMITS)).status).toBe(200);
    const plain = await api.call<LimitsBody>('PUT', path, { storage: 10, users: 5, bandwidth: 100 });
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ storage: { limit: 10, mode: 'hard' }, users: { limit: 5, mode: 'soft' }, bandwidth: { limit: 100, mode: 'soft' }, version: 3 });
    expect(plain.body.apiCalls).toBeUndefined();

    const bad = await api.call<{ errors: { field: string; message: string }[] }>('PUT', path, { storage: '10', users: 5.5, bandwidth: 100 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'storage', message: 'storage must be a number or an object {limit, mode}' },
      { field: 'users.limit', message: 'limit must be an integer number' },
    ]);
    const missing = await api.call<{ errors: { field: string; message: string }[] }>('PUT', path, { storage: 10 });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      { field: 'users', message: 'users is required: a number or an object {limit, mode}' },
      { field: 'bandwidth', message: 'bandwidth is required: a number or an object {limit, mode}' },
    ]);
    expect((await api.call<LimitsBody>('GET', path)).body.version).toBe(3);
  });

  it('refuses bad bodies with 400 problem+json naming every bad field, and changes nothing', async () => {
    const tenant = await createTenant('growth');
    const path = `/internal/v1/tenants/${tenant.id}/limits`;
    const cases: [string, unknown, string[]][] = [
      ['missing limits', { storage: { limit: 1 } }, ['users', 'bandwidth']],
      ['negative and fractional counts', { ...LIMITS, users: { limit: 2.5 }, apiCalls: { limit: -1 } }, ['users.limit', 'apiCalls.limit']],
      ['a bad mode', { ...LIMITS, apiCalls: { limit: 5, mode: 'strict' } }, ['apiCalls.mode']],
      ['a string limit', { ...LIMITS, storage: { limit: '50' } }, ['storage.limit']],
      ['unknown fields', { ...LIMITS, cpu: { limit: 1 }, bandwidth: { limit: 1, unit: 'GB' } }, ['cpu', 'bandwidth.unit']],
      ['null apiCalls', { ...LIMITS, apiCalls: null }, ['apiCalls']],
    ];
    for (const [what, body, fields] of cases) {
      const answer = await api.call<{ type: string; errors?: { field: string }[] }>('PUT', path, body);
      expect({ what, status: answer.status }).toEqual({ what, status: 400 });
      expect(answer.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(answer.body.type).toBe('https://tenantry.dev/problems/validation-failed');
      const named = (answer.body.errors ?? []).map((error) => error.field);
      for (const field of fields) expect({ what, named: named.includes(field) ? field : named }).toEqual({ what, named: field });
    }

    expect((await api.call<LimitsBody>('GET', path)).body).toMatchObject({ storage: { limit: 100, mode: 'soft' }, version: 1 });
    const after = await readTopic(kafka, TOPICS.TENANT_LIFECYCLE.name, (all) => limitsChanged(all, tenant.id).length >= 1, { settleMs: 1_000 });
    expect(limitsChanged(after, tenant.id).map((event) => event.version)).toEqual([1]);
  });

  it('stores limits on meters with the set (one version), serves them and announces them under the meter key; a plain number keeps the mode', async () => {
    const tenant = await createTenant('growth');
    const path = `/internal/v1/tenants/${tenant.id}/limits`;
    const set = await api.call<LimitsBody>('PUT', path, { ...LIMITS, meters: { pages: { limit: 1000, mode: 'hard' }, gpu_minutes: 12.5 } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ meters: { gpu_minutes: { limit: 12.5, mode: 'soft' }, pages: { limit: 1000, mode: 'hard' } }, version: 2 });
    expect((await api.call<LimitsBody>('GET', path)).body).toEqual(set.body);
    const [, second] = await announced(tenant.id, 2);
    expect(second?.version).toBe(2);
    expect(second?.limits.slice(4)).toEqual([
      { metric: 'gpu_minutes', limit: '12.5', mode: 'soft' },
      { metric: 'pages', limit: '1000', mode: 'hard' },
    ]);

    // Plain numbers keep the meters' modes; leaving one out removes its limit.
    const plain = await api.call<LimitsBody>('PUT', path, { ...LIMITS, meters: { pages: 2000 } });
    expect(plain.body).toMatchObject({ meters: { pages: { limit: 2000, mode: 'hard' } }, version: 3 });
    expect(Object.keys(plain.body.meters ?? {})).toEqual(['pages']);
    // No meters at all: none in the view, none announced.
    const none = await api.call<LimitsBody>('PUT', path, { ...LIMITS, meters: {} });
    expect(none.body.version).toBe(4);
    expect(none.body.meters).toBeUndefined();
    const all = await announced(tenant.id, 4);
    expect(all.map((event) => event.limits.filter((limit) => ['pages', 'gpu_minutes'].includes(limit.metric)).length)).toEqual([0, 2, 1, 0]);

    // The registry's own check of the body: each bad meter field named once (whether the meter exists is the gateway's to ask metering).
    const bad = await api.call<{ errors: { field: string; message: string }[] }>('PUT', path, { ...LIMITS, meters: { pages: { limit: -1 }, storage_bytes: 1, 'Bad-Key': 1, tokens: 'lots' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error) => error.field).sort()).toEqual(['meters.Bad-Key', 'meters.pages.limit', 'meters.storage_bytes', 'meters.tokens']);
    expect(bad.body.errors.find((error) => error.field === 'meters.storage_bytes')?.message).toContain('`storage`');
    expect((await api.call<LimitsBody>('GET', path)).body.version).toBe(4);
  });
});
