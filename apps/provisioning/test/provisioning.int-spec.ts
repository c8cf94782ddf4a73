// The provisioning service as a process against the real broker and databases: sagas driven by
// lifecycle events, tenant isolation, custom domains, certificates, compensation, retry, crash
// recovery, offboarding, tenant isolation in the database and master-key rotation. One file, one service instance at a time: they share the
// `provisioning.lifecycle` consumer group.
import { createCipheriv, createHash, randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { list as listTar } from 'tar';
import { DomainVerifiedPayload, TenantAdminCreatedPayload, TenantOffboardedPayload, TenantProvisionedPayload, TenantProvisioningFailedPayload } from '@tenantry/contracts';
import { devSecretsEnv, internalAuthHeaders, spawnProcess, startService, waitFor } from '@tenantry/testing';
import { openWithDataKey } from '../src/infrastructure/master-keys';
import { PgTenantDatabase } from '../src/infrastructure/tenant-database';
import { databaseNamed, Harness, masterKeys, ofType, payloadOf, PREFIX, SERVICE_DATABASE, serviceDatabaseUrl, serviceRows, TENANT_DATABASE, tenantCreated, tenantDatabaseUrl, tenantLogin, tenantName, tenantObjects, tenantUrl, withClient } from './provisioning-harness';

jest.setTimeout(240_000);

const PERMISSION_DENIED = '42501';

async function pgErrorCode(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('provisioning service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tenantry-provisioning-'));
  const dnsFile = join(dir, 'dns.json');
  const env = {
    TENANT_STORAGE_ROOT: join(dir, 'storage'),
    EXPORT_DIR: join(dir, 'exports'),
    DNS_RESOLVER: 'file',
    DNS_RECORDS_FILE: dnsFile,
    SAGA_RETRY_BASE_MS: '100',
    SAGA_POLL_MS: '200',
    // Every plan gets a database of its own (the default) but `free`, which shares the tenant database.
    TENANT_ISOLATION_BY_PLAN: 'free:schema',
  };
  const harness = new Harness(env);

  beforeAll(async () => {
    writeFileSync(dnsFile, '{}');
    await harness.freshStart();
    await harness.start();
  });

  afterAll(async () => {
    await harness.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  describe('provisioning a tenant', () => {
    const tenant = tenantCreated({ domain: { type: 'subdomain', value: `acme-${randomUUID().slice(0, 8)}`, ssl: true } });
    const other = tenantCreated();

    beforeAll(async () => {
      await harness.send('TenantCreated', tenant);
      await harness.send('TenantCreated', other);
      await harness.eventsOf(tenant.tenantId, ['TenantProvisioned', 'TenantAdminCreated']);
      await harness.eventsOf(other.tenantId, ['TenantProvisioned']);
    });

    it('publishes TenantProvisioned and TenantAdminCreated and logs every step once', async () => {
      const events = await harness.eventsOf(tenant.tenantId, ['TenantProvisioned', 'TenantAdminCreated']);
      const provisioned = payloadOf<TenantProvisionedPayload>(ofType(events, 'TenantProvisioned')[0]);
      expect(provisioned).toMatchObject({ tenantId: tenant.tenantId, schemaName: tenantName(tenant.tenantId), databaseName: tenantName(tenant.tenantId), storageRoot: join(env.TENANT_STORAGE_ROOT, tenant.tenantId), hostname: `${tenant.domain.value}.tenantry.local` });
      const admin = payloadOf<TenantAdminCreatedPayload>(ofType(events, 'TenantAdminCreated')[0]);
      expect(admin.email).toBe(tenant.adminEmail);
      // A subdomain under the platform's is not verified, so nothing announces one.
      expect(ofType(events, 'DomainVerified')).toEqual([]);
      const expiresInDays = (Date.parse(admin.invitationExpiresAt) - Date.now()) / 86_400_000;
      expect(expiresInDays).toBeGreaterThan(6.9);
      expect(expiresInDays).toBeLessThanOrEqual(7);
      const log = await harness.sagaLog(tenant.tenantId);
      expect(log).toMatchObject({ tenantId: tenant.tenantId, kind: 'provision', status: 'succeeded' });
      expect(log.steps.map((step) => [step.name, step.status, step.attempts])).toEqual([
        ['domain', 'succeeded', 1],
        ['database', 'succeeded', 1],
        ['storage', 'succeeded', 1],
        ['configuration', 'succeeded', 1],
        ['admin-user', 'succeeded', 1],
      ]);
    });

    it('creates its own database with the schema, the baseline, the settings and the invited admin (token stored only as a hash)', async () => {
      const schema = tenantName(tenant.tenantId);
      expect(await tenantObjects(tenant.tenantId)).toEqual({ database: true, schema: true, role: true });
      expect((await harness.sagaLog(tenant.tenantId)).steps[1]?.detail).toMatchObject({ isolation: 'database', database: schema, schema, role: schema });
      await withClient(databaseNamed(schema), async (client) => {
        const tables = await client.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema]);
        expect(tables.rows.map((row) => row.table_name)).toEqual(['audit_log', 'baseline_migrations', 'roles', 'settings', 'users']);
        const users = await client.query(`SELECT email, role, status, invitation_token_sha256, invitation_expires_at FROM ${schema}.users`);
        expect(users.rows).toEqual([expect.objectContaining({ email: tenant.adminEmail, role: 'admin', status: 'invited' })]);
        expect(users.rows[0].invitation_token_sha256).toMatch(/^[a-f0-9]{64}$/);
        const settings = await client.query<{ value: unknown }>(`SELECT value FROM ${schema}.settings WHERE key = 'configuration'`);
        expect(settings.rows[0]?.value).toEqual(tenant.configuration);
      });
    });

    it('creates the storage root with its quota', () => {
      const quota = JSON.parse(readFileSync(join(env.TENANT_STORAGE_ROOT, tenant.tenantId, '.quota.json'), 'utf8')) as Record<string, unknown>;
      expect(quota).toMatchObject({ tenantId: tenant.tenantId, quotaGb: 10, quotaBytes: 10 * 1024 ** 3 });
    });

    it('routes the host name and serves it with a certificate that verifies against the local CA', async () => {
      const hostname = `${tenant.domain.value}.tenantry.local`;
      const [route] = await serviceRows<{ tenant_id: string; status: string }>(`SELECT tenant_id, status FROM domain_route WHERE hostname = $1`, [hostname]);
      expect(route).toEqual({ tenant_id: tenant.tenantId, status: 'active' });
      const [cert] = await serviceRows<{ certificate_pem: string }>(`SELECT certificate_pem FROM tenant_certificate WHERE hostname = $1`, [hostname]);
      const [ca] = await serviceRows<{ certificate_pem: string }>(`SELECT certificate_pem FROM certificate_authority`);
      const leaf = new X509Certificate(cert?.certificate_pem ?? '');
      const root = new X509Certificate(ca?.certificate_pem ?? '');
      expect(leaf.verify(root.publicKey)).toBe(true);
      expect(leaf.checkIssued(root)).toBe(true);
      expect(leaf.checkHost(hostname)).toBe(hostname);
      expect(root.ca).toBe(true);
    });

    it('seals the role password with the tenant’s own data key, stored only wrapped by the master key', async () => {
      const keys = masterKeys();
      const [credential] = await serviceRows<{ password_enc: string }>(`SELECT password_enc FROM tenant_credential WHERE tenant_id = $1`, [tenant.tenantId]);
      const [dataKey] = await serviceRows<{ wrapped_key: string; master_key_id: string }>(`SELECT wrapped_key, master_key_id FROM tenant_data_key WHERE tenant_id = $1`, [tenant.tenantId]);
      expect(credential?.password_enc).toMatch(/^dk1\./);
      expect(dataKey).toEqual({ wrapped_key: expect.stringMatching(new RegExp(`^mk1\\.${keys.current.id}\\.`)) as unknown, master_key_id: keys.current.id });
      // Bound to its tenant: another tenant's data key, or this key under another tenant's id, opens nothing.
      const [otherKey] = await serviceRows<{ wrapped_key: string }>(`SELECT wrapped_key FROM tenant_data_key WHERE tenant_id = $1`, [other.tenantId]);
      expect(() => openWithDataKey(keys.unwrap(other.tenantId, otherKey?.wrapped_key ?? ''), tenant.tenantId, credential?.password_enc ?? '')).toThrow();
      expect(() => keys.unwrap(other.tenantId, dataKey?.wrapped_key ?? '')).toThrow();
      // The certificate's private key is a tenant secret too.
      const [certificate] = await serviceRows<{ private_key_enc: string }>(`SELECT private_key_enc FROM tenant_certificate WHERE tenant_id = $1`, [tenant.tenantId]);
      expect(openWithDataKey(keys.unwrap(tenant.tenantId, dataKey?.wrapped_key ?? ''), tenant.tenantId, certificate?.private_key_enc ?? '')).toContain('PRIVATE KEY');
    });

    it('keeps the tenant role out of every database but its own: another tenant’s, the shared tenant database, the platform’s', async () => {
      const login = await tenantLogin(tenant.tenantId);
      expect(login.database).toBe(tenantName(tenant.tenantId));
      for (const database of [tenantName(other.tenantId), TENANT_DATABASE, SERVICE_DATABASE]) {
        expect([database, await pgErrorCode(withClient(databaseNamed(database, login), () => Promise.resolve()))]).toEqual([database, PERMISSION_DENIED]);
      }
      await withClient(tenantUrl(login), async (client) => {
        const own = await client.query<{ email: string }>(`SELECT email FROM users`);
        expect(own.rows.map((row) => row.email)).toEqual([tenant.adminEmail]);
        await client.query(`CREATE TABLE notes (id int)`);
        expect(await pgErrorCode(client.query(`CREATE TABLE public.intruder (id int)`))).toBe(PERMISSION_DENIED);
        // Cluster-wide statistics (every database's sessions and counters) stay closed in a database of one tenant too.
        for (const sql of [`CREATE TEMP TABLE scratch (id int)`, `SELECT usename, datname FROM pg_stat_activity`, `SELECT datname, xact_commit FROM pg_stat_database`, `SELECT pg_database_size(${JSON.stringify(TENANT_DATABASE).replace(/"/g, "'")})`]) {
          expect([sql, await pgErrorCode(client.query(sql))]).toEqual([sql, PERMISSION_DENIED]);
        }
      });
    });

    it('shows the tenant role no other tenant’s schema, and no tenant id in any name it can read (pg_namespace, pg_roles, pg_database, regrole, regnamespace)', async () => {
      const login = await tenantLogin(tenant.tenantId);
      const otherRoleOid = (await withClient(tenantDatabaseUrl(), (client) => client.query<{ oid: string }>(`SELECT oid::text AS oid FROM pg_roles WHERE rolname = $1`, [tenantName(other.tenantId)]))).rows[0]?.oid;
      expect(otherRoleOid).toBeDefined();
      await withClient(tenantUrl(login), async (client) => {
        const schemas = (await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' ORDER BY 1`)).rows.map((row) => row.name);
        expect(schemas.sort()).toEqual([tenantName(tenant.tenantId), 'public'].sort());
        const seen = [
          ...schemas,
          ...(await client.query<{ name: string }>(`SELECT oid::regnamespace::text AS name FROM pg_namespace`)).rows.map((row) => row.name),
          ...(await client.query<{ name: string }>(`SELECT rolname AS name FROM pg_roles`)).rows.map((row) => row.name),
          ...(await client.query<{ name: string }>(`SELECT datname AS name FROM pg_database`)).rows.map((row) => row.name),
          ...(await client.query<{ name: string }>(`SELECT $1::oid::regrole::text AS name`, [otherRoleOid])).rows.map((row) => row.name),
        ];
        for (const id of [tenant.tenantId, other.tenantId]) {
          const hex = id.replace(/-/g, '');
          expect(seen.filter((name) => name.includes(hex) || name.includes(id))).toEqual([]);
        }
        // What PostgreSQL keeps cluster-wide, and this tier cannot withhold: the other tenant's database
        // and role exist and are listed (README, "Isolation tiers") — under names that say nothing of it.
        expect(seen).toEqual(expect.arrayContaining([tenantName(other.tenantId)]));
      });
    });
  });

  describe('the shared tier (plan free: a schema in the shared tenant database)', () => {
    const tenant = tenantCreated({ plan: { id: 'free', trial: false } });
    const other = tenantCreated({ plan: { id: 'free', trial: false } });

    beforeAll(async () => {
      // The service's schema pool full first (it refills while no tenant is being created), so both take a pooled schema.
      const pool = new PgTenantDatabase(tenantDatabaseUrl(), PREFIX);
      try {
        await waitFor(async () => ((await pool.pooledSchemas()) >= 10 ? true : undefined), { timeoutMs: 30_000, intervalMs: 200, what: 'the service’s schema pool full' });
      } finally {
        await pool.close();
      }
      await harness.send('TenantCreated', tenant);
      await harness.send('TenantCreated', other);
      await harness.eventsOf(tenant.tenantId, ['TenantProvisioned']);
      await harness.eventsOf(other.tenantId, ['TenantProvisioned']);
    });

    it('puts the tenant in a schema of the shared tenant database, with no database of its own, taken from the schema pool', async () => {
      const events = await harness.eventsOf(tenant.tenantId, ['TenantProvisioned']);
      const provisioned = payloadOf<TenantProvisionedPayload>(ofType(events, 'TenantProvisioned')[0]);
      expect(provisioned.schemaName).toBe(tenantName(tenant.tenantId));
      expect(provisioned.databaseName).toBeUndefined();
      expect(await tenantObjects(tenant.tenantId)).toEqual({ database: false, schema: true, role: true });
      expect((await tenantLogin(tenant.tenantId)).database).toBe(TENANT_DATABASE);
      // Claimed from the pool: the baseline was there already.
      const log = await harness.sagaLog(tenant.tenantId);
      expect(log.steps.find((step) => step.name === 'database')?.detail).toMatchObject({ isolation: 'schema', schema: tenantName(tenant.tenantId), baselineApplied: [] });
    });

    it('keeps the tenant role out of the platform database, TEMP tables, and other tenants’ statistics', async () => {
      const login = await tenantLogin(tenant.tenantId);
      // The platform database (every service's schemas): CONNECT is not the tenant role's.
      expect(await pgErrorCode(withClient(databaseNamed(SERVICE_DATABASE, login), () => Promise.resolve()))).toBe(PERMISSION_DENIED);
      const otherTable = `${tenantName(other.tenantId)}.users`;
      await withClient(tenantUrl(login), async (client) => {
        const [{ oid } = { oid: '' }] = (await client.query<{ oid: string }>(`SELECT c.oid::text AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname || '.' || c.relname = $1`, [otherTable])).rows;
        expect(oid).not.toBe('');
        for (const sql of [
          `CREATE TEMP TABLE scratch (id int)`,
          `SELECT n_live_tup FROM pg_stat_all_tables`,
          `SELECT n_live_tup FROM pg_stat_user_tables`,
          `SELECT heap_blks_read FROM pg_statio_all_tables`,
          `SELECT usename FROM pg_stat_activity`,
          `SELECT pg_stat_get_live_tuples(${oid}::oid)`,
          `SELECT pg_total_relation_size(${oid}::oid)`,
          `SELECT reltuples FROM pg_class WHERE oid = ${oid}`,
        ]) {
          expect([sql, await pgErrorCode(client.query(sql))]).toEqual([sql, PERMISSION_DENIED]);
        }
        // What tools need of pg_class stays readable.
        expect((await client.query(`SELECT relname, relkind FROM pg_class WHERE oid = ${oid}`)).rows).toEqual([{ relname: 'users', relkind: 'r' }]);
      });
    });

    it('lets the tenant role use its own schema only: not another tenant’s, not public', async () => {
      const login = await tenantLogin(tenant.tenantId);
      await withClient(tenantUrl(login), async (client) => {
        const own = await client.query<{ email: string }>(`SELECT email FROM users`);
        expect(own.rows.map((row) => row.email)).toEqual([tenant.adminEmail]);
        await client.query(`CREATE TABLE notes (id int)`);
        expect(await pgErrorCode(client.query(`SELECT * FROM ${tenantName(other.tenantId)}.users`))).toBe(PERMISSION_DENIED);
        expect(await pgErrorCode(client.query(`CREATE TABLE public.intruder (id int)`))).toBe(PERMISSION_DENIED);
      });
    });

    it('lists the other tenants’ schemas and roles, but under names that carry no tenant id', async () => {
      const login = await tenantLogin(tenant.tenantId);
      await withClient(tenantUrl(login), async (client) => {
        const names = [
          ...(await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace`)).rows.map((row) => row.name),
          ...(await client.query<{ name: string }>(`SELECT rolname AS name FROM pg_roles`)).rows.map((row) => row.name),
          ...(await client.query<{ name: string }>(`SELECT setconfig::text AS name FROM pg_db_role_setting`)).rows.map((row) => row.name),
        ];
        expect(names).toEqual(expect.arrayContaining([tenantName(other.tenantId)]));
        for (const id of [tenant.tenantId, other.tenantId]) expect(names.filter((name) => name.includes(id.replace(/-/g, '')) || name.includes(id))).toEqual([]);
      });
    });
  });

  describe('the master key', () => {
    it('must be configured, and strong: without SECRET_KEY, or with a weak one, the service exits 78 naming it', async () => {
      for (const [value, says] of [
        ['', 'SECRET_KEY: is required'],
        ['tenantry-development-secret-change-me', 'SECRET_KEY: is too weak or not base64: it must decode to at least 32 random bytes'],
      ] as const) {
        const started = startService('provisioning', { DATABASE_URL: serviceDatabaseUrl(), TENANT_DATABASE_URL: tenantDatabaseUrl(), SECRET_KEY: value });
        await expect(started).rejects.toThrow(/exited with 78/);
        await expect(started).rejects.toThrow(says);
      }
    });
  });

  describe('the internal API', () => {
    it('answers problem+json for a tenant without saga, export or custom domain', async () => {
      const unknown = randomUUID();
      for (const [method, path, type] of [
        ['GET', 'provisioning', 'saga-not-found'],
        ['GET', 'export', 'export-not-found'],
        ['POST', 'domain/verify', 'domain-not-found'],
      ] as const) {
        const response = await harness.api(`/internal/v1/tenants/${unknown}/${path}`, { method });
        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(await response.json()).toMatchObject({ type: `https://tenantry.dev/problems/${type}`, status: 404 });
      }
    });

    it('answers 401 to a call without a token, with a token for another service or an expired one; health stays open, metrics are on the management port', async () => {
      const path = `/internal/v1/tenants/${randomUUID()}/provisioning`;
      const anonymous = await harness.api(path, { headers: { authorization: '' } });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer realm="tenantry-internal"/);
      expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
      expect(await anonymous.json()).toMatchObject({ type: 'https://tenantry.dev/problems/unauthenticated', status: 401 });
      for (const headers of [
        internalAuthHeaders({ audience: 'metering' }),
        internalAuthHeaders({ audience: 'provisioning', issuedAt: new Date(Date.now() - 120_000) }),
        { authorization: 'Bearer not.a.token' },
        { 'x-tenantry-actor': 'key:forged', 'x-tenantry-role': 'platform-admin', authorization: '' },
      ]) {
        const refused = await harness.api(path, { headers });
        expect(refused.status).toBe(401);
      }
      for (const open of ['/health/live', '/health/ready']) expect((await harness.api(open, { headers: { authorization: '' } })).status).toBe(200);
      // Metrics are not on the API port at all, but on the management port, without a token.
      expect((await harness.api('/metrics', { headers: { authorization: '' } })).status).toBe(404);
      expect((await fetch(`${harness.service?.managementUrl}/metrics`)).status).toBe(200);
    });
  });

  describe('a custom domain', () => {
    const hostname = `shop-${randomUUID().slice(0, 8)}.example.com`;
    const tenant = tenantCreated({ domain: { type: 'custom', value: hostname, ssl: true } });

    it('waits for DNS verification, then finishes with a certificate', async () => {
      await harness.send('TenantCreated', tenant);
      const waiting = await harness.waitForLog(tenant.tenantId, (log) => log.steps[0]?.status === 'waiting', 'the domain step to wait');
      expect(waiting.status).toBe('running');
      expect(waiting.steps.slice(1).every((step) => step.status === 'pending')).toBe(true);
      const record = waiting.steps[0]?.detail['verification'] as { type: string; name: string; value: string };
      expect(record).toMatchObject({ type: 'TXT', name: `_tenantry-verify.${hostname}` });

      const early = await harness.api(`/internal/v1/tenants/${tenant.tenantId}/domain/verify`, { method: 'POST' });
      expect(early.status).toBe(409);
      expect(await early.json()).toMatchObject({ type: 'https://tenantry.dev/problems/domain-not-verified', expectedRecord: record });

      writeFileSync(dnsFile, JSON.stringify({ [record.name]: ['v=unrelated', record.value] }));
      // Without a token, or with one for another service, nothing is verified: the saga still waits.
      for (const headers of [{ authorization: '' }, internalAuthHeaders({ audience: 'tenant-registry' })]) {
        expect((await harness.api(`/internal/v1/tenants/${tenant.tenantId}/domain/verify`, { method: 'POST', headers })).status).toBe(401);
      }
      expect((await harness.sagaLog(tenant.tenantId)).steps[0]?.status).toBe('waiting');
      const before = Date.now();
      // Two verifications racing, then a repeat: all answer verified, and one of them announces it.
      const verified = await Promise.all([0, 1].map(() => harness.api(`/internal/v1/tenants/${tenant.tenantId}/domain/verify`, { method: 'POST' })));
      for (const answer of verified) {
        expect(answer.status).toBe(200);
        expect(await answer.json()).toEqual({ verified: true, hostname });
      }
      expect((await harness.api(`/internal/v1/tenants/${tenant.tenantId}/domain/verify`, { method: 'POST' })).status).toBe(200);

      const events = await harness.eventsOf(tenant.tenantId, ['TenantProvisioned', 'DomainVerified']);
      expect(payloadOf<TenantProvisionedPayload>(ofType(events, 'TenantProvisioned')[0]).hostname).toBe(hostname);
      // Past the outbox relay's poll, so a second DomainVerified would have been published by now.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const announced = ofType(await harness.eventsOf(tenant.tenantId, ['DomainVerified']), 'DomainVerified');
      expect(announced).toHaveLength(1);
      const domainVerified = payloadOf<DomainVerifiedPayload>(announced[0]);
      expect(domainVerified).toEqual({ tenantId: tenant.tenantId, domain: hostname, verifiedAt: expect.any(String) as unknown, method: 'dns-txt' });
      expect(Date.parse(domainVerified.verifiedAt)).toBeGreaterThanOrEqual(before - 1_000);
      const [route] = await serviceRows<{ status: string; verified_at: Date }>(`SELECT status, verified_at FROM domain_route WHERE hostname = $1`, [hostname]);
      expect(route?.status).toBe('active');
      expect(route?.verified_at.toISOString()).toBe(domainVerified.verifiedAt);
      const [cert] = await serviceRows<{ certificate_pem: string }>(`SELECT certificate_pem FROM tenant_certificate WHERE hostname = $1`, [hostname]);
      expect(new X509Certificate(cert?.certificate_pem ?? '').checkHost(hostname)).toBe(hostname);
    });
  });

  describe('offboarding', () => {
    const tenant = tenantCreated();

    it('exports the data and files with a checksum, then drops the tenant’s database and role, removes its storage, and destroys the data key', async () => {
      await harness.send('TenantCreated', tenant);
      await harness.eventsOf(tenant.tenantId, ['TenantProvisioned']);
      const root = join(env.TENANT_STORAGE_ROOT, tenant.tenantId);
      writeFileSync(join(root, 'files', 'logo.svg'), '<svg/>');
      // What a backup or an attacker with the service's database and master key would hold.
      const [stolen] = await serviceRows<{ password_enc: string }>(`SELECT password_enc FROM tenant_credential WHERE tenant_id = $1`, [tenant.tenantId]);
      expect((await tenantLogin(tenant.tenantId)).password).toMatch(/^[A-Za-z0-9]{20,}$/);

      await harness.send('TenantOffboardingStarted', { tenantId: tenant.tenantId, from: 'active', to: 'offboarding', actor: 'test', at: new Date().toISOString(), retentionDays: 30 });
      const events = await harness.eventsOf(tenant.tenantId, ['TenantOffboarded']);
      const offboarded = payloadOf<TenantOffboardedPayload>(ofType(events, 'TenantOffboarded')[0]);
      expect(offboarded.archiveUri).toMatch(/^urn:tenantry:export:[0-9a-f-]{36}$/);
      const archive = join(env.EXPORT_DIR, tenant.tenantId, `${offboarded.archiveUri.split(':').pop() ?? ''}.tar.gz`);
      expect(createHash('sha256').update(readFileSync(archive)).digest('hex')).toBe(offboarded.archiveSha256);
      expect((Date.parse(offboarded.retainedUntil) - Date.now()) / 86_400_000).toBeGreaterThan(29.9);

      const entries: string[] = [];
      await listTar({ file: archive, onReadEntry: (entry) => void entries.push(entry.path) });
      expect(entries).toEqual(expect.arrayContaining(['./manifest.json', './database/users.jsonl', './database/settings.jsonl', './storage/files/logo.svg', './storage/.quota.json']));

      expect(await tenantObjects(tenant.tenantId)).toEqual({ database: false, schema: false, role: false });
      expect(existsSync(root)).toBe(false);
      expect(await harness.sagaLog(tenant.tenantId)).toMatchObject({ kind: 'offboard', status: 'succeeded' });

      // Crypto-shredding: the data key is gone, so the sealed password opens with nothing the service holds.
      expect(await serviceRows(`SELECT 1 FROM tenant_data_key WHERE tenant_id = $1`, [tenant.tenantId])).toEqual([]);
      expect(stolen?.password_enc).toMatch(/^dk1\./);
      expect(() => masterKeys().open('certificate-authority', stolen?.password_enc ?? '')).toThrow();
      await expect(tenantLogin(tenant.tenantId)).rejects.toThrow(/no credential or no data key/);

      const metadata = await harness.api(`/internal/v1/tenants/${tenant.tenantId}/export`);
      const shown = (await metadata.json()) as Record<string, unknown>;
      expect(shown).toMatchObject({ tenantId: tenant.tenantId, archiveUri: offboarded.archiveUri, sha256: offboarded.archiveSha256, retainedUntil: offboarded.retainedUntil });
      // No host path where a tenant admin looks: export metadata, either saga's log, the event.
      const logs = await (await harness.api(`/internal/v1/tenants/${tenant.tenantId}/provisioning?all=true`)).json();
      for (const seen of [shown, logs, offboarded]) {
        expect(JSON.stringify(seen)).not.toContain(dir);
        expect(JSON.stringify(seen)).not.toContain('file:');
      }
      const download = await harness.api(`/internal/v1/tenants/${tenant.tenantId}/export?download=true`);
      expect(download.headers.get('content-type')).toBe('application/gzip');
      expect(createHash('sha256').update(Buffer.from(await download.arrayBuffer())).digest('hex')).toBe(offboarded.archiveSha256);
    });
  });

  describe('the data plane’s operations, repeated or interrupted', () => {
    const tenantDatabase = new PgTenantDatabase(tenantDatabaseUrl(), PREFIX);

    afterAll(async () => {
      await tenantDatabase.close();
    });

    it('completes a tenant database whose creation was interrupted; creating, migrating or dropping twice is harmless', async () => {
      const tenantId = randomUUID();
      const identity = tenantDatabase.identity(tenantId, 'database');
      const database = identity.database ?? '';
      // As a crash right after CREATE DATABASE leaves it: connections refused, PUBLIC's defaults not yet revoked.
      await withClient(tenantDatabaseUrl(), (client) => client.query(`CREATE DATABASE "${database}" TEMPLATE template0 ALLOW_CONNECTIONS false`));
      expect(await tenantDatabase.create(identity, 'first-password')).toMatchObject({ database, publicRevoked: true, statisticsHidden: true });
      expect(await tenantDatabase.create(identity, 'first-password')).toMatchObject({ publicRevoked: true, statisticsHidden: true });
      expect(await tenantDatabase.applyBaseline(identity)).toEqual(['0001-baseline', '0002-user-last-login', '0003-user-name']);
      expect(await tenantDatabase.applyBaseline(identity)).toEqual([]);
      expect(await tenantObjects(tenantId)).toEqual({ database: true, schema: true, role: true });
      const [acl] = (await withClient(tenantDatabaseUrl(), (client) =>
        client.query<{ allow: boolean; owner: string; grantees: string[] }>(
          `SELECT datallowconn AS allow, pg_get_userbyid(datdba)::text AS owner, array_agg(DISTINCT CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END)::text[] AS grantees
           FROM pg_database d, aclexplode(COALESCE(d.datacl, acldefault('d', d.datdba))) a WHERE d.datname = $1 GROUP BY datallowconn, datdba`,
          [database],
        ),
      )).rows;
      expect(acl?.allow).toBe(true);
      // Its owner (provisioning's user), the tenant's role, monitoring; not PUBLIC.
      expect(acl?.grantees.sort()).toEqual([identity.role, 'pg_read_all_stats', acl?.owner].sort());
      await withClient(tenantUrl({ user: identity.role, password: 'first-password', database }), async (client) => expect((await client.query(`SELECT count(*)::int AS n FROM users`)).rows).toEqual([{ n: 0 }]));

      await tenantDatabase.drop(identity);
      await tenantDatabase.drop(identity);
      expect(await tenantObjects(tenantId)).toEqual({ database: false, schema: false, role: false });
    });
  });

  describe('the schema pool', () => {
    // A prefix of its own: the running service refills the pool under PREFIX.
    const prefix = `p${PREFIX.slice(2)}`;
    const tenantDatabase = new PgTenantDatabase(tenantDatabaseUrl(), prefix);
    const pooledNames = () => withClient(tenantDatabaseUrl(), async (client) => (await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname ~ $1 ORDER BY 1`, [`^${prefix}_pool_[0-9a-f]{24}$`])).rows.map((row) => row.name));
    const dropOurs = () =>
      withClient(tenantDatabaseUrl(), async (client) => {
        for (const { name } of (await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname ~ $1`, [`^${prefix}_`])).rows) await client.query(`DROP SCHEMA "${name}" CASCADE`);
        for (const { name } of (await client.query<{ name: string }>(`SELECT rolname AS name FROM pg_roles WHERE rolname ~ $1`, [`^${prefix}_`])).rows) {
          await client.query(`DROP OWNED BY "${name}"`);
          await client.query(`DROP ROLE "${name}"`);
        }
      });

    beforeAll(dropOurs);
    afterAll(async () => {
      await dropOurs();
      await tenantDatabase.close();
    });

    it('hands new schema-tier tenants ready schemas, renamed to their names, with the baseline, CONNECT and their password; once empty, creates as before', async () => {
      await tenantDatabase.addPooledSchema();
      await tenantDatabase.addPooledSchema();
      const pooled = await pooledNames();
      expect(pooled).toHaveLength(2);
      expect(await tenantDatabase.pooledSchemas()).toBe(2);
      // A pooled schema's role cannot log in: nobody has its password, and it has none.
      const [pooledRole] = (await withClient(tenantDatabaseUrl(), (client) => client.query<{ login: boolean; password: boolean }>(`SELECT rolcanlogin AS login, rolpassword IS NOT NULL AS password FROM pg_authid WHERE rolname = $1`, [pooled[0]]))).rows;
      expect(pooledRole).toEqual({ login: false, password: false });

      // Three tenants at once for two pooled schemas: two claim one each, the third creates its own.
      const tenants = [randomUUID(), randomUUID(), randomUUID()].map((tenantId) => ({ tenantId, identity: tenantDatabase.identity(tenantId, 'schema'), password: `pw${randomBytes(8).toString('hex')}` }));
      const reports = await Promise.all(tenants.map(({ identity, password }) => tenantDatabase.create(identity, password)));
      expect(reports.map((report) => report.publicRevoked && report.statisticsHidden)).toEqual([true, true, true]);
      expect(await pooledNames()).toEqual([]);
      // Every one is complete: migrating finds the baseline where a pooled schema was claimed, applies it where not.
      const applied = await Promise.all(tenants.map(({ identity }) => tenantDatabase.applyBaseline(identity)));
      expect(applied.filter((versions) => versions.length === 0)).toHaveLength(2);
      expect(applied.filter((versions) => versions.length === 3)).toHaveLength(1);
      for (const { identity, password } of tenants) {
        // A repeated step changes nothing and keeps the password.
        await tenantDatabase.create(identity, password);
        await tenantDatabase.ensureAdmin(identity, { email: `admin-${identity.role.slice(-6)}@example.com`, invitationTokenSha256: 'x'.repeat(64), invitationExpiresAt: new Date(Date.now() + 3_600_000) });
        await withClient(tenantUrl({ user: identity.role, password, database: TENANT_DATABASE }), async (client) => {
          expect((await client.query(`SELECT current_schema() AS schema, current_user AS role`)).rows).toEqual([{ schema: identity.schema, role: identity.role }]);
          expect((await client.query(`SELECT email, last_login_at, name FROM users`)).rows).toEqual([{ email: `admin-${identity.role.slice(-6)}@example.com`, last_login_at: null, name: null }]);
          expect((await client.query(`SELECT name FROM roles ORDER BY name`)).rows.map((row: { name: string }) => row.name)).toEqual(['admin', 'member', 'viewer']);
          // Not the other tenants' schemas, nor what is left in the pool, nor public.
          for (const other of tenants.filter((t) => t.identity !== identity)) expect(await pgErrorCode(client.query(`SELECT * FROM ${other.identity.schema}.users`))).toBe(PERMISSION_DENIED);
          expect(await pgErrorCode(client.query(`CREATE TABLE public.intruder (id int)`))).toBe(PERMISSION_DENIED);
        });
      }
      const schemaAcl = await withClient(tenantDatabaseUrl(), (client) =>
        client.query<{ name: string; grantees: string[] }>(
          `SELECT n.nspname AS name, array_agg(DISTINCT CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END)::text[] AS grantees
           FROM pg_namespace n, aclexplode(n.nspacl) a WHERE n.nspname = ANY($1) GROUP BY n.nspname`,
          [tenants.map((t) => t.identity.schema)],
        ),
      );
      expect(schemaAcl.rows.map((row) => row.grantees)).toEqual(tenants.map(() => expect.not.arrayContaining(['PUBLIC'])));

      for (const { identity } of tenants) await tenantDatabase.drop(identity);
      for (const { tenantId } of tenants) expect(await tenantObjects(tenantId, prefix)).toEqual({ database: false, schema: false, role: false });
    });

    it('is kept full by the service while no tenant is being created (TENANT_SCHEMA_POOL_SIZE, default 10)', async () => {
      const services = new PgTenantDatabase(tenantDatabaseUrl(), PREFIX);
      try {
        expect(await waitFor(async () => ((await services.pooledSchemas()) >= 10 ? true : undefined), { timeoutMs: 30_000, intervalMs: 200, what: 'the service’s pool at 10' })).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        expect(await services.pooledSchemas()).toBe(10);
      } finally {
        await services.close();
      }
    });
  });

  describe('a failing step', () => {
    const tenant = tenantCreated();

    it('is retried, compensated in reverse order and reported; a retry request succeeds once the fault is gone', async () => {
      await harness.stop();
      await harness.start({ PROVISIONING_FAIL_STEP: 'storage' });
      await harness.send('TenantCreated', tenant);
      const events = await harness.eventsOf(tenant.tenantId, ['TenantProvisioningFailed']);
      const failed = payloadOf<TenantProvisioningFailedPayload>(ofType(events, 'TenantProvisioningFailed')[0]);
      expect(failed).toMatchObject({ tenantId: tenant.tenantId, step: 'storage', attempts: 3 });
      expect(failed.reason).toContain('PROVISIONING_FAIL_STEP');
      const log = await harness.sagaLog(tenant.tenantId);
      expect(log.status).toBe('compensated');
      expect(log.steps.map((step) => step.status)).toEqual(['compensated', 'compensated', 'compensated', 'pending', 'pending']);
      expect(await tenantObjects(tenant.tenantId)).toEqual({ database: false, schema: false, role: false });
      expect(await serviceRows(`SELECT 1 FROM tenant_credential WHERE tenant_id = $1`, [tenant.tenantId])).toEqual([]);
      expect(await serviceRows(`SELECT 1 FROM domain_route WHERE tenant_id = $1`, [tenant.tenantId])).toEqual([]);

      await harness.stop();
      await harness.start();
      await harness.send('TenantProvisioningRetryRequested', { tenantId: tenant.tenantId, from: 'provisioning_failed', to: 'provisioning', actor: 'test', at: new Date().toISOString() });
      await harness.eventsOf(tenant.tenantId, ['TenantProvisioned']);
      expect(await tenantObjects(tenant.tenantId)).toEqual({ database: true, schema: true, role: true });
      const all = (await (await harness.api(`/internal/v1/tenants/${tenant.tenantId}/provisioning?all=true`)).json()) as { items: { status: string }[] };
      expect(all.items.map((saga) => saga.status)).toEqual(['compensated', 'succeeded']);
    });
  });

  describe('a crash during a saga', () => {
    const tenant = tenantCreated();

    it('resumes from the step log after SIGKILL without redoing finished steps', async () => {
      await harness.stop();
      await harness.start({ PROVISIONING_STEP_DELAY_MS: '1500' });
      await harness.send('TenantCreated', tenant);
      await harness.waitForLog(tenant.tenantId, (log) => log.steps[2]?.status === 'running', 'the storage step to start');
      const { signal } = (await harness.service?.process.kill('SIGKILL')) ?? {};
      expect(signal).toBe('SIGKILL');
      const atKill = (await serviceRows<{ name: string; status: string; attempts: number }>(`SELECT name, status, attempts FROM saga_step WHERE saga_id = (SELECT id FROM saga WHERE tenant_id = $1) ORDER BY position`, [tenant.tenantId])).map((s) => [s.name, s.status, s.attempts]);
      expect(atKill.slice(0, 3)).toEqual([
        ['domain', 'succeeded', 1],
        ['database', 'succeeded', 1],
        ['storage', 'running', 1],
      ]);

      // The saga resumes from the log; no event is needed, so no need to wait for the consumer group.
      await harness.start({}, { waitForConsumer: false });
      const events = await harness.eventsOf(tenant.tenantId, ['TenantProvisioned', 'TenantAdminCreated']);
      expect(ofType(events, 'TenantProvisioned')).toHaveLength(1);
      const log = await harness.sagaLog(tenant.tenantId);
      expect(log.steps.map((step) => [step.name, step.status, step.attempts])).toEqual([
        ['domain', 'succeeded', 1],
        ['database', 'succeeded', 1],
        ['storage', 'succeeded', 2],
        ['configuration', 'succeeded', 1],
        ['admin-user', 'succeeded', 1],
      ]);
    });
  });

  describe('rotating the master key', () => {
    const oldDefault = 'tenantry-development-secret-change-me';
    const before = tenantCreated({ domain: { type: 'subdomain', value: `rot-${randomUUID().slice(0, 8)}`, ssl: true } });
    const legacyTenant = randomUUID();

    /** A credential as the service sealed it before envelope encryption: one key (SHA-256 of the old default) for every tenant. */
    function legacySeal(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', createHash('sha256').update(oldDefault).digest(), iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join('.');
    }

    it('re-wraps every data key under the new key (and re-seals old-format secrets), after which the old key can go', async () => {
      const keyA = devSecretsEnv()['SECRET_KEY'] ?? '';
      const keyB = randomBytes(32).toString('base64');
      await harness.send('TenantCreated', before);
      await harness.eventsOf(before.tenantId, ['TenantProvisioned']);
      await serviceRows(`INSERT INTO provisioning.tenant_credential (tenant_id, schema_name, role_name, password_enc) VALUES ($1, 'legacy', 'legacy_app', $2)`, [legacyTenant, legacySeal('legacy-password')]);
      const underA = await serviceRows<{ n: number }>(`SELECT count(*)::int AS n FROM tenant_data_key WHERE master_key_id = $1`, [masterKeys().current.id]);
      expect(underA[0]?.n).toBeGreaterThan(0);

      // B current, A (and the old default, for the old format) previous: the start re-wraps in the background.
      await harness.stop();
      const restarted = await harness.start({ SECRET_KEY: keyB, SECRET_KEY_PREVIOUS: `${keyA},${oldDefault}` });
      // A tenant from before opaque names (role `..._app`, not its schema's name) is reported, never renamed behind its back.
      expect(restarted.process.output()).toContain('tenants provisioned before opaque names keep role and schema names that carry their tenant ids');
      // The command does the same pass; whichever runs first, the second finds nothing left and exits 0.
      const command = spawnProcess('apps/provisioning/src/rotate-keys.js', { DATABASE_URL: serviceDatabaseUrl(), SECRET_KEY: keyB, SECRET_KEY_PREVIOUS: `${keyA},${oldDefault}`, LOG_LEVEL: 'warn', INTERNAL_AUTH_VERIFY_KEYS: devSecretsEnv()['INTERNAL_AUTH_VERIFY_KEYS'] ?? '', INVITATION_KEY: devSecretsEnv()['INVITATION_KEY'] ?? '' });
      const { code } = await command.exited;
      expect([code, command.output()]).toEqual([0, expect.stringContaining('"remaining":0')]);
      const idB = masterKeys({ SECRET_KEY: keyB }).current.id;
      expect(await serviceRows(`SELECT tenant_id FROM tenant_data_key WHERE master_key_id <> $1`, [idB])).toEqual([]);
      const [legacy] = await serviceRows<{ password_enc: string }>(`SELECT password_enc FROM tenant_credential WHERE tenant_id = $1`, [legacyTenant]);
      expect(legacy?.password_enc).toMatch(/^dk1\./);

      // A removed: B alone opens what A sealed, the service's local CA included.
      await harness.stop();
      await harness.start({ SECRET_KEY: keyB });
      const onlyB = masterKeys({ SECRET_KEY: keyB });
      const login = await tenantLogin(before.tenantId, onlyB);
      await withClient(tenantUrl(login), async (client) => expect((await client.query(`SELECT email FROM users`)).rows).toEqual([{ email: before.adminEmail }]));
      expect((await tenantLogin(legacyTenant, onlyB)).password).toBe('legacy-password');
      const after = tenantCreated({ domain: { type: 'subdomain', value: `rot2-${randomUUID().slice(0, 8)}`, ssl: true } });
      await harness.send('TenantCreated', after);
      await harness.eventsOf(after.tenantId, ['TenantProvisioned']);
      expect(await serviceRows(`SELECT 1 FROM tenant_certificate WHERE tenant_id = $1`, [after.tenantId])).toHaveLength(1);
      await serviceRows(`DELETE FROM tenant_credential WHERE tenant_id = $1`, [legacyTenant]);
    });
  });

  describe('a local CA sealed under a master key the service does not hold', () => {
    it('is replaced, with a warning, so certificates can still be issued (two checkouts on one database, or a lost key)', async () => {
      const [before] = await serviceRows<{ certificate_pem: string }>(`SELECT certificate_pem FROM certificate_authority`);
      await harness.stop();
      const service = await harness.start({ SECRET_KEY: randomBytes(32).toString('base64') });
      const tenant = tenantCreated({ domain: { type: 'subdomain', value: `newca-${randomUUID().slice(0, 8)}`, ssl: true } });
      await harness.send('TenantCreated', tenant);
      await harness.eventsOf(tenant.tenantId, ['TenantProvisioned']);
      const [after] = await serviceRows<{ certificate_pem: string }>(`SELECT certificate_pem FROM certificate_authority`);
      expect(after?.certificate_pem).not.toBe(before?.certificate_pem);
      const [issued] = await serviceRows<{ certificate_pem: string }>(`SELECT certificate_pem FROM tenant_certificate WHERE tenant_id = $1`, [tenant.tenantId]);
      expect(new X509Certificate(issued?.certificate_pem ?? '').verify(new X509Certificate(after?.certificate_pem ?? '').publicKey)).toBe(true);
      expect(service.process.output()).toContain('a new local CA replaces it');
    });
  });
});
