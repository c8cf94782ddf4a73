// The provisioning service as a process against the real broker and databases: sagas driven by
// lifecycle events, tenant isolation, custom domains, certificates, compensation, retry, crash
// recovery and offboarding. One file, one service instance at a time: they share the
// `provisioning.lifecycle` consumer group.
import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { list as listTar } from 'tar';
import { TenantAdminCreatedPayload, TenantOffboardedPayload, TenantProvisionedPayload, TenantProvisioningFailedPayload } from '@tenantry/contracts';
import { SecretBox } from '../src/infrastructure/secret-box';
import { ProvisioningConfig } from '../src/provisioning.config';
import { internalAuthHeaders } from '@tenantry/testing';
import { Harness, ofType, payloadOf, PREFIX, serviceRows, tenantCreated, tenantDatabaseUrl, tenantObjects, withClient } from './provisioning-harness';

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
  };
  const harness = new Harness(env);
  // The service's default key: the local CA in the shared database was sealed with it.
  const secrets = new SecretBox(new ProvisioningConfig());

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
      const hex = tenant.tenantId.replace(/-/g, '');
      expect(provisioned).toMatchObject({ tenantId: tenant.tenantId, schemaName: `${PREFIX}_${hex}`, storageRoot: join(env.TENANT_STORAGE_ROOT, tenant.tenantId), hostname: `${tenant.domain.value}.tenantry.local` });
      const admin = payloadOf<TenantAdminCreatedPayload>(ofType(events, 'TenantAdminCreated')[0]);
      expect(admin.email).toBe(tenant.adminEmail);
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

    it('creates the schema with the baseline, the settings and the invited admin (token stored only as a hash)', async () => {
      const schema = `${PREFIX}_${tenant.tenantId.replace(/-/g, '')}`;
      await withClient(tenantDatabaseUrl(), async (client) => {
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

    it('lets the tenant role use its own schema only: not another tenant’s, not public', async () => {
      const [credential] = await serviceRows<{ role_name: string; password_enc: string }>(`SELECT role_name, password_enc FROM tenant_credential WHERE tenant_id = $1`, [tenant.tenantId]);
      expect(credential?.password_enc).not.toContain(credential?.role_name ?? '');
      const login = { user: credential?.role_name ?? '', password: secrets.open(credential?.password_enc ?? '') };
      const otherSchema = `${PREFIX}_${other.tenantId.replace(/-/g, '')}`;
      await withClient(tenantDatabaseUrl(login), async (client) => {
          const own = await client.query<{ email: string }>(`SELECT email FROM users`);
          expect(own.rows.map((row) => row.email)).toEqual([tenant.adminEmail]);
          await client.query(`CREATE TABLE notes (id int)`);
          expect(await pgErrorCode(client.query(`SELECT * FROM ${otherSchema}.users`))).toBe(PERMISSION_DENIED);
          expect(await pgErrorCode(client.query(`CREATE TABLE public.intruder (id int)`))).toBe(PERMISSION_DENIED);
      });
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

    it('answers 401 to a call without a token, with a token for another service or an expired one; health and metrics stay open', async () => {
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
      for (const open of ['/health/live', '/health/ready', '/metrics']) expect((await harness.api(open, { headers: { authorization: '' } })).status).toBe(200);
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
      const verified = await harness.api(`/internal/v1/tenants/${tenant.tenantId}/domain/verify`, { method: 'POST' });
      expect(verified.status).toBe(200);
      expect(await verified.json()).toEqual({ verified: true, hostname });

      const events = await harness.eventsOf(tenant.tenantId, ['TenantProvisioned']);
      expect(payloadOf<TenantProvisionedPayload>(ofType(events, 'TenantProvisioned')[0]).hostname).toBe(hostname);
      const [cert] = await serviceRows<{ certificate_pem: string }>(`SELECT certificate_pem FROM tenant_certificate WHERE hostname = $1`, [hostname]);
      expect(new X509Certificate(cert?.certificate_pem ?? '').checkHost(hostname)).toBe(hostname);
    });
  });

  describe('offboarding', () => {
    const tenant = tenantCreated();

    it('exports the data and files with a checksum, then removes schema, role and storage', async () => {
      await harness.send('TenantCreated', tenant);
      await harness.eventsOf(tenant.tenantId, ['TenantProvisioned']);
      const root = join(env.TENANT_STORAGE_ROOT, tenant.tenantId);
      writeFileSync(join(root, 'files', 'logo.svg'), '<svg/>');

      await harness.send('TenantOffboardingStarted', { tenantId: tenant.tenantId, from: 'active', to: 'offboarding', actor: 'test', at: new Date().toISOString(), retentionDays: 30 });
      const events = await harness.eventsOf(tenant.tenantId, ['TenantOffboarded']);
      const offboarded = payloadOf<TenantOffboardedPayload>(ofType(events, 'TenantOffboarded')[0]);
      const archive = new URL(offboarded.archiveUri).pathname;
      expect(createHash('sha256').update(readFileSync(archive)).digest('hex')).toBe(offboarded.archiveSha256);
      expect((Date.parse(offboarded.retainedUntil) - Date.now()) / 86_400_000).toBeGreaterThan(29.9);

      const entries: string[] = [];
      await listTar({ file: archive, onReadEntry: (entry) => void entries.push(entry.path) });
      expect(entries).toEqual(expect.arrayContaining(['./manifest.json', './database/users.jsonl', './database/settings.jsonl', './storage/files/logo.svg', './storage/.quota.json']));

      expect(await tenantObjects(tenant.tenantId)).toEqual({ schema: false, role: false });
      expect(existsSync(root)).toBe(false);
      expect(await harness.sagaLog(tenant.tenantId)).toMatchObject({ kind: 'offboard', status: 'succeeded' });

      const metadata = await harness.api(`/internal/v1/tenants/${tenant.tenantId}/export`);
      expect(await metadata.json()).toMatchObject({ tenantId: tenant.tenantId, archiveUri: offboarded.archiveUri, sha256: offboarded.archiveSha256, retainedUntil: offboarded.retainedUntil });
      const download = await harness.api(`/internal/v1/tenants/${tenant.tenantId}/export?download=true`);
      expect(download.headers.get('content-type')).toBe('application/gzip');
      expect(createHash('sha256').update(Buffer.from(await download.arrayBuffer())).digest('hex')).toBe(offboarded.archiveSha256);
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
      expect(await tenantObjects(tenant.tenantId)).toEqual({ schema: false, role: false });
      expect(await serviceRows(`SELECT 1 FROM domain_route WHERE tenant_id = $1`, [tenant.tenantId])).toEqual([]);

      await harness.stop();
      await harness.start();
      await harness.send('TenantProvisioningRetryRequested', { tenantId: tenant.tenantId, from: 'provisioning_failed', to: 'provisioning', actor: 'test', at: new Date().toISOString() });
      await harness.eventsOf(tenant.tenantId, ['TenantProvisioned']);
      expect(await tenantObjects(tenant.tenantId)).toEqual({ schema: true, role: true });
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
});
