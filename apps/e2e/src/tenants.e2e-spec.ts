// Tenants end to end through the public gateway, with tenant-registry, provisioning, Kafka and Postgres all real.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { TOPICS } from '@tenantry/contracts';
import { freshGroups, readTopic, RunningService, startGroupAtEnd, startService, tenantDatabaseName, tenantsDatabaseUrl, testKafka, waitFor, waitUntilReady } from '@tenantry/testing';
import { PlatformClient, shortForm, suffix } from './support/platform-client';

jest.setTimeout(240_000);

const ADMIN_KEY = `e2e-admin-${randomBytes(16).toString('hex')}`;
const TENANT_SCOPED_ROUTES: [string, string][] = [
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
];

const FILES = mkdtempSync(join(tmpdir(), 'tenantry-e2e-'));
/** The tenant database next to DATABASE_URL's (`tenantry_tenants` for `tenantry`): provisioning changes its privileges, so each checkout sharing a cluster has its own. */
const TENANT_DATABASE_URL = tenantsDatabaseUrl();
/**
 * Provisioning's lifecycle group for this run, made to start at the end of the lifecycle topic (see
 * `startGroupAtEnd`): on a fresh broker the topic already holds every TenantCreated of the integration
 * suites, and provisioning every one of those tenants first (schema, role, certificates) took longer
 * than this suite waits for its own.
 */
const LIFECYCLE_GROUP = `e2e-tenants-provisioning-${randomBytes(4).toString('hex')}`;
const PROVISIONING_ENV = { TENANT_STORAGE_ROOT: join(FILES, 'storage'), EXPORT_DIR: join(FILES, 'exports'), SAGA_RETRY_BASE_MS: '50', TENANT_DATABASE_URL, LIFECYCLE_CONSUMER_GROUP: LIFECYCLE_GROUP };


/**
 * The tenant data plane as its owner sees it (every plan gets a database of its own by default):
 * database, schema and role all `t_<first 32 hex of SHA-256("tenantry:tenant-database:<id>")>`,
 * names that say nothing of the tenant id (provisioning README, "Isolation tiers").
 */
function identity(tenantId: string): { database: string; schema: string; role: string } {
  const name = tenantDatabaseName(tenantId);
  return { database: name, schema: name, role: name };
}

async function tenantDatabase<T>(fn: (client: Client) => Promise<T>, database?: string): Promise<T> {
  const url = new URL(TENANT_DATABASE_URL);
  if (database) url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function dataPlane(tenantId: string): Promise<{ database: boolean; schema: boolean; role: boolean; admins: string[]; storage: boolean }> {
  const { database, schema, role } = identity(tenantId);
  const { hasDatabase, hasRole } = await tenantDatabase(async (client) => ({
    hasDatabase: (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount === 1,
    hasRole: (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 1,
  }));
  const { hasSchema, admins } = hasDatabase
    ? await tenantDatabase(async (client) => {
        const found = (await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema])).rowCount === 1;
        return { hasSchema: found, admins: found ? (await client.query<{ email: string }>(`SELECT email FROM "${schema}".users WHERE role = 'admin'`)).rows.map((r) => r.email) : [] };
      }, database)
    : { hasSchema: false, admins: [] };
  return { database: hasDatabase, schema: hasSchema, role: hasRole, admins, storage: existsSync(join(PROVISIONING_ENV.TENANT_STORAGE_ROOT, tenantId)) };
}

/** Runs `sql` in the tenant's database with the privileges of `tenantId`'s role; resolves to the Postgres error code, or 'ok'. */
async function asTenantRole(tenantId: string, sql: string): Promise<string> {
  return tenantDatabase(async (client) => {
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL ROLE "${identity(tenantId).role}"`);
      await client.query(sql);
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code ?? 'error';
    } finally {
      await client.query('ROLLBACK');
    }
  }, identity(tenantId).database);
}

describe('tenants through the gateway', () => {
  const services: RunningService[] = [];
  let gatewayUrl = '';

  const platform = new PlatformClient(() => gatewayUrl, ADMIN_KEY);
  const call = platform.call.bind(platform);
  const createTenant = platform.createTenant.bind(platform);
  const tenantAdminKey = platform.tenantAdminKey.bind(platform);
  const statusOf = platform.statusOf.bind(platform);

  beforeAll(async () => {
    const registry = await startService('tenant-registry', freshGroups('e2e-tenants-registry'));
    services.push(registry);
    await startGroupAtEnd(LIFECYCLE_GROUP, TOPICS.TENANT_LIFECYCLE.name);
    const provisioning = await startService('provisioning', PROVISIONING_ENV);
    services.push(provisioning);
    const gateway = await startService('gateway', { TENANTRY_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, REGISTRY_URL: registry.url, PROVISIONING_URL: provisioning.url });
    services.push(gateway);
    await Promise.all(services.map((service) => waitUntilReady(service)));
    gatewayUrl = gateway.url;
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.process.kill('SIGTERM')));
  });

  describe('the lifecycle of one tenant', () => {
    const tag = suffix();
    let tenantId = '';
    let key = '';

    it('creates a tenant that is trial or active within seconds', async () => {
      const created = await call('POST', '/tenants', { body: shortForm(tag), headers: { 'x-request-id': `client-${tag}` } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'provisioning', name: `E2E ${tag}` });
      tenantId = created.body['id'] as string;
      const requestId = created.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(created.headers.get('location')).toBe(`/api/v1/platform/tenants/${tenantId}`);
      expect(created.headers.get('etag')).toMatch(/^W\/"\d+"$/);
      key = await tenantAdminKey(tenantId);
      await waitFor(async () => ['trial', 'active'].includes((await statusOf(tenantId)) ?? ''), { timeoutMs: 60_000, intervalMs: 250, what: 'the tenant to be provisioned' });
      const saga = await waitFor(
        async () => {
          const provisioning = await call('GET', `/tenants/${tenantId}/provisioning`, { key });
          return provisioning.body['status'] === 'succeeded' ? provisioning : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 250, what: 'the provisioning saga to report success' },
      );
      expect(saga.body).toMatchObject({ tenantId, kind: 'provision', status: 'succeeded' });
      // The tenant admin's view of its provisioning shows no host path (the storage root stays the platform's).
      expect(JSON.stringify(saga.body)).not.toContain(FILES);
      // The registry knows the caller and the request only from the gateway's token; the client's id is a correlation id.
      const history = await call('GET', `/tenants/${tenantId}/history`);
      expect(history.body['items']).toEqual([
        expect.objectContaining({ from: null, to: 'provisioning', actor: expect.stringMatching(/^key:[0-9a-f-]{36}$/), requestId, correlationId: `client-${tag}` }),
        expect.objectContaining({ from: 'provisioning', actor: 'provisioning' }),
      ]);
      expect((await call('GET', `/tenants/${tenantId}`, { key })).status).toBe(200);
    });

    it("has its own database, schema, login role, storage root and invited admin, and its role cannot reach another tenant's data", async () => {
      const plane = await dataPlane(tenantId);
      expect(plane).toEqual({ database: true, schema: true, role: true, admins: [`ops+${tag}@e2e.example`], storage: true });

      const neighbour = await createTenant();
      await waitFor(async () => (await dataPlane(neighbour)).admins.length === 1, { timeoutMs: 60_000, intervalMs: 250, what: 'the neighbour to be provisioned' });
      expect(await asTenantRole(tenantId, `SELECT count(*) FROM "${identity(tenantId).schema}".users`)).toBe('ok');
      // The neighbour's schema is in the neighbour's database (here: no such relation), which the tenant's role may not connect to.
      expect(await asTenantRole(tenantId, `SELECT * FROM "${identity(neighbour).schema}".users`)).toBe('42P01');
      const connect = await tenantDatabase((client) => client.query<{ own: boolean; neighbours: boolean }>(
        `SELECT has_database_privilege($1, $2, 'CONNECT') AS own, has_database_privilege($1, $3, 'CONNECT') AS neighbours`,
        [identity(tenantId).role, identity(tenantId).database, identity(neighbour).database],
      ));
      expect(connect.rows).toEqual([{ own: true, neighbours: false }]);
      expect(await asTenantRole(tenantId, 'CREATE TABLE public.intruder (id int)')).toBe('42501');
    });

    it('suspends it: its tenant-admin key is then refused with 403 tenant-suspended', async () => {
      const suspended = await call('POST', `/tenants/${tenantId}/suspend`, { body: { reason: 'e2e: unpaid invoices' } });
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: 'e2e: unpaid invoices' });
      const refused = await waitFor(
        async () => {
          const result = await call('GET', `/tenants/${tenantId}`, { key });
          return result.status === 403 ? result : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 200, what: 'the gateway to learn of the suspension' },
      );
      expect(refused.body).toMatchObject({ type: 'https://tenantry.dev/problems/tenant-suspended', status: 403 });
      expect((await call('GET', `/tenants/${tenantId}/history`, { key })).status).toBe(403);
      expect((await call('GET', `/tenants/${tenantId}`)).body['status']).toBe('suspended');
    });

    it('reactivates it: the tenant-admin key works again', async () => {
      const reactivated = await call('POST', `/tenants/${tenantId}/reactivate`);
      expect(reactivated.status).toBe(200);
      expect(['active', 'trial']).toContain(reactivated.body['status']);
      await waitFor(async () => (await call('GET', `/tenants/${tenantId}`, { key })).status === 200, { timeoutMs: 30_000, intervalMs: 200, what: 'the gateway to learn of the reactivation' });
      const history = await call('GET', `/tenants/${tenantId}/history`, { key });
      expect((history.body['items'] as { to: string }[]).map((item) => item.to)).toEqual(expect.arrayContaining(['provisioning', 'suspended']));
    });

    it("deletes it: it ends deleted, TenantDeleted is on the lifecycle topic and the tenant's key is revoked", async () => {
      const deleted = await call('DELETE', `/tenants/${tenantId}`);
      expect(deleted.status).toBe(202);
      expect(deleted.body['status']).toBe('offboarding');
      await waitFor(async () => (await statusOf(tenantId)) === 'deleted', { timeoutMs: 90_000, intervalMs: 500, what: 'the tenant to be deleted' });
      const messages = await readTopic(testKafka(), TOPICS.TENANT_LIFECYCLE.name, (all) =>
        all.some((m) => m.headers['ce_type'] === 'TenantDeleted' && m.key === tenantId && (JSON.parse(m.value ?? '{}') as { tenantId?: string }).tenantId === tenantId),
      );
      const event = messages.find((m) => m.headers['ce_type'] === 'TenantDeleted' && m.key === tenantId);
      expect(JSON.parse(event?.value ?? '{}')).toMatchObject({ tenantId, to: 'deleted' });
      // The deletion revokes the tenant's keys: its admin key now authenticates nobody.
      await waitFor(async () => (await call('GET', `/tenants/${tenantId}`, { key })).status === 401, { timeoutMs: 30_000, intervalMs: 200, what: "the gateway to revoke the deleted tenant's key" });
      const keys = (await call('GET', '/api-keys')).body['items'] as { tenantId: string | null; revokedReason: string | null }[];
      expect(keys.filter((item) => item.tenantId === tenantId).map((item) => item.revokedReason)).toEqual(['tenant-deleted']);
      expect(await dataPlane(tenantId)).toEqual({ database: false, schema: false, role: false, admins: [], storage: false });
    });

    it("keeps the deleted tenant's export readable by the platform, streamed through the gateway", async () => {
      const exported = await call('GET', `/tenants/${tenantId}/export`);
      expect(exported.status).toBe(200);
      expect(exported.body).toMatchObject({ tenantId, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: expect.any(Number) });
      const archive = await fetch(`${gatewayUrl}/api/v1/platform/tenants/${tenantId}/export?download=true`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      expect(archive.status).toBe(200);
      expect(archive.headers.get('content-type')).toContain('application/gzip');
      const bytes = Buffer.from(await archive.arrayBuffer());
      expect(bytes.byteLength).toBe(exported.body['bytes']);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(exported.body['sha256']);
      // Named, not located: no host path in what a tenant admin may read.
      expect(exported.body['archiveUri']).toBe(`urn:tenantry:export:${String(exported.body['exportId'])}`);
      expect(JSON.stringify(exported.body)).not.toContain(FILES);
      const onDisk = join(PROVISIONING_ENV.EXPORT_DIR, tenantId, `${String(exported.body['exportId'])}.tar.gz`);
      expect(createHash('sha256').update(readFileSync(onDisk)).digest('hex')).toBe(exported.body['sha256']);
    });
  });

  describe("another tenant's admin key (BOLA)", () => {
    let victim = '';
    let attackerKey = '';

    beforeAll(async () => {
      victim = await createTenant();
      attackerKey = await tenantAdminKey(await createTenant());
    });

    it.each(TENANT_SCOPED_ROUTES)('is refused %s /tenants/{id}%s of another tenant with 403 or 404', async (method, path) => {
      const result = await call(method, `/tenants/${victim}${path}`, { key: attackerKey, body: method === 'PUT' ? { name: 'pwned' } : undefined });
      expect([403, 404]).toContain(result.status);
      expect(result.body['type']).toMatch(/^https:\/\/tenantry\.dev\/problems\/(tenant-not-found|forbidden)$/);
    });

    it('sees only its own tenant in the list, and the victim is untouched', async () => {
      const list = await call('GET', '/tenants', { key: attackerKey });
      expect(list.status).toBe(200);
      expect((list.body['items'] as { id: string }[]).map((t) => t.id)).not.toContain(victim);
      expect((await call('GET', `/tenants/${victim}`)).body['name']).not.toBe('pwned');
    });
  });

  it('creates exactly one tenant from 20 concurrent POSTs with one Idempotency-Key', async () => {
    const tag = suffix();
    const headers = { 'idempotency-key': `e2e-${randomUUID()}` };
    const results = await Promise.all(Array.from({ length: 20 }, () => call('POST', '/tenants', { body: shortForm(tag), headers })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body['id'])).size).toBe(1);
    const listed = await call('GET', `/tenants?q=${encodeURIComponent(`e2e-${tag}`)}&limit=100`);
    expect(listed.status).toBe(200);
    expect((listed.body['items'] as { id: string }[]).map((t) => t.id)).toEqual([results[0]?.body['id']]);
  });

  describe('a failure at the storage step', () => {
    let provisioning: RunningService;

    async function restartProvisioning(env: Record<string, string>): Promise<void> {
      const index = services.findIndex((service) => service.name === 'provisioning');
      const current = services[index] as RunningService;
      await current.process.kill('SIGTERM');
      // Same port, so the gateway's pool keeps reaching it.
      provisioning = await startService('provisioning', { ...PROVISIONING_ENV, PORT: new URL(current.url).port, ...env });
      services[index] = provisioning;
      await waitUntilReady(provisioning);
    }

    afterAll(async () => {
      await restartProvisioning({});
    });

    it('is compensated (no database, no schema, no role) and leaves the tenant provisioning_failed with the reason; a retry then succeeds', async () => {
      await restartProvisioning({ PROVISIONING_FAIL_STEP: 'storage' });
      const tenantId = await createTenant();
      const failed = await waitFor(
        async () => {
          const tenant = await call('GET', `/tenants/${tenantId}`);
          return tenant.body['status'] === 'provisioning_failed' ? tenant : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 250, what: 'provisioning to fail' },
      );
      expect(String(failed.body['statusReason'])).toMatch(/storage/);
      expect(await dataPlane(tenantId)).toMatchObject({ database: false, schema: false, role: false, storage: false });
      const log = await call('GET', `/tenants/${tenantId}/provisioning`);
      expect(log.body['status']).toBe('compensated');

      await restartProvisioning({});
      const retried = await call('POST', `/tenants/${tenantId}/provisioning/retry`);
      expect(retried.status).toBe(202);
      await waitFor(async () => ['trial', 'active'].includes((await statusOf(tenantId)) ?? ''), { timeoutMs: 90_000, intervalMs: 250, what: 'the retry to succeed' });
      expect(await dataPlane(tenantId)).toMatchObject({ database: true, schema: true, role: true, storage: true });
    });
  });
});
