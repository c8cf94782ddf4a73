// The resource collectors against the real metering process, Kafka and Postgres: tenant schemas and
// storage roots laid out the way provisioning lays them out, in a tenant database of this suite's own.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { TOPICS } from '@tenantry/contracts';
import { ensureDatabase, quoteIdent } from '@tenantry/persistence';
import { caughtUp, databaseUrl, eventMessage, freshGroups, produce, RunningService, testKafka, waitFor } from '@tenantry/testing';
import { activeUserEventId, collectionSlot, gaugeEventId } from '../src/collectors/collection-plan';
import { FsStorageProbe } from '../src/collectors/storage.probe';
import { currentValue, MeteringClient, startMetering, UsageBody } from './metering-client';

jest.setTimeout(240_000);

const TENANT_DATABASE = 'tenantry_tenants_collectors_it';
/**
 * Metering runs on a database and consumer groups of its own here: its projection then holds this
 * suite's tenants only, not every tenant that earlier suites left in the shared database (measuring
 * those — many with databases of their own — made each collection take seconds on CI).
 */
const METERING_DATABASE = `tenantry_metering_collectors_${randomBytes(4).toString('hex')}`;
const GROUPS = freshGroups('collectors');
const RESOURCES_GROUP = `${GROUPS.KAFKA_GROUP_PREFIX}metering.resources`;
const DAY_MS = 86_400_000;
const MB = 1_000_000;
const COLLECTOR_INTERVAL_MS = 1_500;

function databaseNamed(name: string): string {
  const url = new URL(databaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

function tenantDatabaseUrl(): string {
  return databaseNamed(TENANT_DATABASE);
}

/** The tenant baseline provisioning applies (0001 and 0002), plus a table the tenant's application fills. */
const BASELINE = [
  `CREATE TABLE roles (name text PRIMARY KEY, permissions jsonb NOT NULL DEFAULT '[]', created_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE TABLE users (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), email text NOT NULL UNIQUE, role text NOT NULL REFERENCES roles (name),
     status text NOT NULL, invitation_token_sha256 text, invitation_expires_at timestamptz, created_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE TABLE settings (key text PRIMARY KEY, value jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE TABLE audit_log (id bigserial PRIMARY KEY, actor text NOT NULL, action text NOT NULL, detail jsonb NOT NULL DEFAULT '{}', at timestamptz NOT NULL DEFAULT now())`,
  `INSERT INTO roles (name) VALUES ('admin'), ('member'), ('viewer')`,
  `ALTER TABLE users ADD COLUMN IF NOT EXISTS last_login_at timestamptz`,
  `CREATE TABLE documents (id bigserial PRIMARY KEY, body text NOT NULL)`,
];

interface Tenant {
  tenantId: string;
  schema: string;
  root: string;
}

describe('metering resource collectors', () => {
  const kafka = testKafka();
  const tenantPool = new Pool({ connectionString: tenantDatabaseUrl(), max: 2 });
  const tenants: Tenant[] = [];
  /** Databases of the tenants in the database-per-tenant tier, dropped at the end. */
  const ownDatabases: string[] = [];
  let storageBase: string;
  let service: RunningService;
  let api: MeteringClient;

  beforeAll(async () => {
    await ensureDatabase(tenantDatabaseUrl());
    storageBase = await mkdtemp(join(tmpdir(), 'tenantry-collectors-'));
    await ensureDatabase(databaseNamed(METERING_DATABASE));
    ({ service, api } = await startMetering({ DATABASE_URL: databaseNamed(METERING_DATABASE), ...GROUPS, TENANT_DATABASE_URL: tenantDatabaseUrl(), COLLECTOR_INTERVAL_MS: String(COLLECTOR_INTERVAL_MS) }));
  });

  afterAll(async () => {
    // Later metering runs on the shared database stop measuring these tenants.
    if (tenants.length > 0) {
      const at = new Date().toISOString();
      await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, tenants.map(({ tenantId }) => eventMessage('TenantDeleted', { tenantId, from: 'offboarding', to: 'deleted', actor: 'int-test', at })));
    }
    await service?.process.kill('SIGTERM');
    for (const tenant of tenants) await tenantPool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(tenant.schema)} CASCADE`);
    for (const database of [...ownDatabases, METERING_DATABASE]) await tenantPool.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    await tenantPool.end();
    if (storageBase) await rm(storageBase, { recursive: true, force: true });
  });

  /**
   * What provisioning's database and storage steps create, then the events metering's projections
   * learn the tenant from; `prepare` fills the schema and root before metering knows the tenant.
   */
  async function provisionedTenant(options: { offboardedFirst?: boolean; prepare?: (tenant: Tenant) => Promise<void> } = {}): Promise<Tenant> {
    const tenantId = randomUUID();
    const schema = `tcol_${tenantId.replace(/-/g, '')}`;
    const root = join(storageBase, tenantId);
    await tenantPool.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
    for (const statement of BASELINE) await tenantPool.query(`SET search_path = ${quoteIdent(schema)}; ${statement}`);
    await mkdir(join(root, 'files'), { recursive: true });
    await writeFile(join(root, '.quota.json'), JSON.stringify({ tenantId, quotaGb: 10, quotaBytes: 10_737_418_240 }));
    const tenant = { tenantId, schema, root };
    tenants.push(tenant);
    await options.prepare?.(tenant);

    const at = new Date().toISOString();
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantActivated', { tenantId, from: 'provisioning', to: 'active', actor: 'int-test', at })]);
    const provisioned = eventMessage('TenantProvisioned', { tenantId, schemaName: schema, storageRoot: root, hostname: `${tenantId.slice(0, 8)}.tenantry.local`, at });
    // Same key, same partition: the offboarding is taken first.
    const offboarded = eventMessage('TenantOffboarded', { tenantId, archiveUri: `file:///exports/${tenantId}.tar.gz`, archiveSha256: 'b'.repeat(64), retainedUntil: at, at });
    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, options.offboardedFirst ? [offboarded, provisioned] : [provisioned]);
    return tenant;
  }

  async function usageOnceTrue(tenantId: string, expected: (body: UsageBody) => boolean, what: string): Promise<UsageBody> {
    return waitFor(
      async () => {
        const answer = await api.usage(tenantId);
        return answer.status === 200 && expected(answer.body) ? answer.body : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250, what },
    );
  }

  const bytes = (body: UsageBody, metric: string): bigint => BigInt(currentValue(body, metric) ?? '0');

  async function writeBytes(path: string, size: number): Promise<void> {
    await writeFile(path, randomBytes(size));
  }

  async function addUser(tenant: Tenant, lastLoginAt: Date | null): Promise<void> {
    await tenantPool.query(`INSERT INTO ${quoteIdent(tenant.schema)}.users (email, role, status, last_login_at) VALUES ($1, 'member', 'active', $2)`, [
      `${randomUUID()}@example.com`,
      lastLoginAt,
    ]);
  }

  /** A provisioned tenant (prepared as `prepare` says) once metering has recorded its sizes, and what it recorded first. */
  async function measuredTenant(what: string, prepare?: (tenant: Tenant) => Promise<void>, measured: (body: UsageBody) => boolean = () => true): Promise<{ tenant: Tenant; first: UsageBody }> {
    const tenant = await provisionedTenant({ prepare });
    const first = await usageOnceTrue(tenant.tenantId, (body) => bytes(body, 'database_bytes') > 0n && bytes(body, 'storage_bytes') > 0n && measured(body), `the first sizes of ${what}`);
    return { tenant, first };
  }

  it('records the database and storage size of every provisioned tenant', async () => {
    const a = await provisionedTenant();
    const b = await provisionedTenant();
    await writeBytes(join(b.root, 'files', 'report.pdf'), 250_000);

    await usageOnceTrue(a.tenantId, (body) => bytes(body, 'database_bytes') > 0n && bytes(body, 'storage_bytes') > 0n, 'the first sizes of tenant A');
    await usageOnceTrue(b.tenantId, (body) => bytes(body, 'database_bytes') > 0n && bytes(body, 'storage_bytes') > 250_000n, 'the first sizes of tenant B');
  });

  it("measures larger sizes once the tenant's tables and files grow, without following symlinks, and leaves another tenant's numbers alone", async () => {
    const { tenant: a, first: before } = await measuredTenant('tenant A');
    const { tenant: b, first: bFirst } = await measuredTenant(
      'tenant B',
      (tenant) => writeBytes(join(tenant.root, 'files', 'report.pdf'), 250_000),
      (body) => bytes(body, 'storage_bytes') > 250_000n,
    );
    const storageBefore = bytes(before, 'storage_bytes');

    await tenantPool.query(`INSERT INTO ${quoteIdent(a.schema)}.documents (body) SELECT repeat(md5(i::text), 20) FROM generate_series(1, 20000) AS i`);
    await mkdir(join(a.root, 'files', 'invoices', '2026'), { recursive: true });
    await writeBytes(join(a.root, 'files', 'logo.png'), 2 * MB);
    await writeBytes(join(a.root, 'files', 'invoices', '2026', 'inv-1.pdf'), 1 * MB);
    // A link out of the root (to another tenant's file) must not be counted.
    await symlink(join(b.root, 'files', 'report.pdf'), join(a.root, 'files', 'linked.pdf'));

    const after = await usageOnceTrue(
      a.tenantId,
      (body) => bytes(body, 'storage_bytes') !== storageBefore && bytes(body, 'database_bytes') > bytes(before, 'database_bytes') + BigInt(MB),
      'the grown sizes of tenant A',
    );
    expect(bytes(after, 'storage_bytes')).toBe(storageBefore + BigInt(3 * MB));

    const bNow = (await api.usage(b.tenantId)).body;
    expect(currentValue(bNow, 'storage_bytes')).toBe(currentValue(bFirst, 'storage_bytes'));
    expect(currentValue(bNow, 'database_bytes')).toBe(currentValue(bFirst, 'database_bytes'));
  });

  /** Tenant B's users: one logged in two days ago, one over a year ago. */
  async function addUsersOfB(tenant: Tenant): Promise<void> {
    await addUser(tenant, new Date(Date.now() - 2 * DAY_MS));
    await addUser(tenant, new Date(Date.now() - 400 * DAY_MS));
  }

  it('counts the users who logged in within the last 30 days as active, not those with an older or no login, per tenant', async () => {
    const a = await provisionedTenant({
      prepare: async (tenant) => {
        await addUser(tenant, new Date(Date.now() - 60_000));
        await addUser(tenant, new Date(Date.now() - 29 * DAY_MS));
        await addUser(tenant, new Date(Date.now() - 31 * DAY_MS));
        await addUser(tenant, null);
      },
    });
    const b = await provisionedTenant({ prepare: addUsersOfB });

    const usageA = await usageOnceTrue(a.tenantId, (body) => currentValue(body, 'active_users') !== '0', 'active users of tenant A');
    expect(currentValue(usageA, 'active_users')).toBe('2');
    const usageB = await usageOnceTrue(b.tenantId, (body) => currentValue(body, 'active_users') !== '0', 'active users of tenant B');
    expect(currentValue(usageB, 'active_users')).toBe('1');

    // Further runs in the same day count the same users once.
    const grown = bytes(usageA, 'storage_bytes') + 1_000n;
    await writeBytes(join(a.root, 'files', 'note.txt'), 1_000);
    const later = await usageOnceTrue(a.tenantId, (body) => bytes(body, 'storage_bytes') === grown, 'a later collection of tenant A');
    expect(currentValue(later, 'active_users')).toBe('2');
  });

  it('measures a tenant with a database of its own (isolation tier database) by pg_database_size of that database, and counts its users there', async () => {
    const tenantId = randomUUID();
    const name = `tcol_${randomBytes(12).toString('hex')}`;
    const url = new URL(tenantDatabaseUrl());
    url.pathname = `/${name}`;
    await tenantPool.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0`);
    ownDatabases.push(name);
    const own = new Pool({ connectionString: url.toString(), max: 1 });
    try {
      await own.query(`CREATE SCHEMA ${quoteIdent(name)}`);
      for (const statement of BASELINE) await own.query(`SET search_path = ${quoteIdent(name)}; ${statement}`);
      for (const lastLogin of [new Date(Date.now() - DAY_MS), new Date(Date.now() - 45 * DAY_MS)]) {
        await own.query(`INSERT INTO ${quoteIdent(name)}.users (email, role, status, last_login_at) VALUES ($1, 'member', 'active', $2)`, [`${randomUUID()}@example.com`, lastLogin]);
      }
    } finally {
      await own.end();
    }
    const root = join(storageBase, tenantId);
    await mkdir(join(root, 'files'), { recursive: true });
    const at = new Date().toISOString();
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantActivated', { tenantId, from: 'provisioning', to: 'active', actor: 'int-test', at })]);
    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, [eventMessage('TenantProvisioned', { tenantId, schemaName: name, databaseName: name, storageRoot: root, hostname: `${tenantId.slice(0, 8)}.tenantry.local`, at })]);
    tenants.push({ tenantId, schema: name, root });

    const [{ size } = { size: '0' }] = (await tenantPool.query<{ size: string }>(`SELECT pg_database_size($1::name)::text AS size`, [name])).rows;
    const measured = await usageOnceTrue(tenantId, (body) => bytes(body, 'database_bytes') > 0n && currentValue(body, 'active_users') === '1', 'the size and users of the tenant database');
    // The whole database (its catalogs included: megabytes), not a schema's tables (kilobytes); as the server reports it, give or take what autovacuum and the statistics collector write meanwhile.
    const reading = bytes(measured, 'database_bytes');
    expect(reading).toBeGreaterThan(BigInt(MB));
    expect(Number(reading)).toBeGreaterThan(Number(size) * 0.9);
    expect(Number(reading)).toBeLessThan(Number(size) * 1.1);
  });

  it('stops measuring a tenant once it is offboarded', async () => {
    const { tenant: a } = await measuredTenant('tenant A');
    const { tenant: b } = await measuredTenant('tenant B', addUsersOfB, (body) => currentValue(body, 'active_users') === '1');
    const at = new Date().toISOString();
    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, [
      eventMessage('TenantOffboarded', { tenantId: b.tenantId, archiveUri: `file:///exports/${b.tenantId}.tar.gz`, archiveSha256: 'a'.repeat(64), retainedUntil: at, at }),
    ]);
    await waitFor(() => caughtUp(kafka, RESOURCES_GROUP, TOPICS.TENANT_PROVISIONING.name), { timeoutMs: 60_000, what: 'the resources projection to take the offboarding' });
    // One whole collection after the offboarding was recorded (A's new file shows in it) …
    const first = (await api.usage(a.tenantId)).body;
    await writeBytes(join(a.root, 'files', 'after-offboarding-1.bin'), 5_000);
    await usageOnceTrue(a.tenantId, (body) => bytes(body, 'storage_bytes') === bytes(first, 'storage_bytes') + 5_000n, 'a collection after the offboarding');
    const bBefore = (await api.usage(b.tenantId)).body;

    // … then B grows, and another whole collection leaves B's numbers where they were.
    await writeBytes(join(b.root, 'files', 'late.bin'), 7_000);
    await addUser(b, new Date());
    const second = (await api.usage(a.tenantId)).body;
    await writeBytes(join(a.root, 'files', 'after-offboarding-2.bin'), 5_000);
    await usageOnceTrue(a.tenantId, (body) => bytes(body, 'storage_bytes') === bytes(second, 'storage_bytes') + 5_000n, 'a second collection after the offboarding');

    const bAfter = (await api.usage(b.tenantId)).body;
    expect(currentValue(bAfter, 'storage_bytes')).toBe(currentValue(bBefore, 'storage_bytes'));
    expect(currentValue(bAfter, 'active_users')).toBe('1');
  });

  it('never measures a tenant whose offboarding was recorded before its provisioning (a replay)', async () => {
    const { tenant: a } = await measuredTenant('tenant A');
    const c = await provisionedTenant({ offboardedFirst: true });
    await writeBytes(join(c.root, 'files', 'data.bin'), 3_000);
    await waitFor(() => caughtUp(kafka, RESOURCES_GROUP, TOPICS.TENANT_PROVISIONING.name), { timeoutMs: 60_000, what: 'the resources projection to take both events' });

    for (const round of [1, 2]) {
      const before = (await api.usage(a.tenantId)).body;
      await writeBytes(join(a.root, 'files', `after-replay-${round}.bin`), 1_000);
      await usageOnceTrue(a.tenantId, (body) => bytes(body, 'storage_bytes') === bytes(before, 'storage_bytes') + 1_000n, `collection ${round} after the replay`);
    }

    const usageC = (await api.usage(c.tenantId)).body;
    expect(currentValue(usageC, 'storage_bytes')).toBe('0');
    expect(currentValue(usageC, 'database_bytes')).toBe('0');
  });
  /** The starts of the collection slots of the next `count` intervals: what a tenant can predict. */
  function nextSlots(count: number): Date[] {
    const now = Date.now();
    return Array.from({ length: count }, (_, i) => collectionSlot(new Date(now + (i + 1) * COLLECTOR_INTERVAL_MS), COLLECTOR_INTERVAL_MS));
  }

  // The attack of issue 9 (finding 3): a reading of 0 under each of the collector's next ids made its
  // real readings duplicates, so the tenant's storage and database read 0. 120 slots cover three
  // minutes, longer than the wait for the real reading below.
  it("refuses a client's readings of the metrics the platform measures, so a tenant cannot zero its sizes under the collector's next ids", async () => {
    const { tenant, first } = await measuredTenant('the tenant', (t) => writeBytes(join(t.root, 'files', 'data.bin'), 100_000), (body) => bytes(body, 'storage_bytes') > 100_000n);
    const at = new Date().toISOString();
    const forged: Record<string, unknown>[] = nextSlots(120).flatMap((slot) =>
      (['storage_bytes', 'database_bytes'] as const).map((metric) => ({ tenantId: tenant.tenantId, eventId: gaugeEventId(metric, slot), metric, quantity: '0', timestamp: at })),
    );
    forged.push({ tenantId: tenant.tenantId, eventId: activeUserEventId(new Date(), 'ghost'), metric: 'active_users', quantity: '1', timestamp: at, properties: { userId: 'ghost' } });

    const batch = await api.batch(forged);
    const one = await api.one(tenant.tenantId, { eventId: gaugeEventId('storage_bytes', nextSlots(1)[0] as Date), metric: 'storage_bytes', quantity: 0, timestamp: at });

    expect(batch.status).toBe(202);
    expect(batch.body.results).toHaveLength(forged.length);
    expect(new Set(batch.body.results.map((r) => `${r.status} ${r.reason}`))).toEqual(new Set(['rejected metric-not-writable']));
    expect(one.body.results).toMatchObject([{ index: 0, status: 'rejected', reason: 'metric-not-writable' }]);
    // The collector's next readings land: the real sizes, grown by the new file.
    await writeBytes(join(tenant.root, 'files', 'more.bin'), 5_000);
    const after = await usageOnceTrue(tenant.tenantId, (body) => bytes(body, 'storage_bytes') === bytes(first, 'storage_bytes') + 5_000n, 'the real storage size after the forged readings');
    expect(bytes(after, 'database_bytes')).toBeGreaterThan(0n);
    expect(currentValue(after, 'active_users')).toBe('0');
  });

  it("keeps a client's event ids apart from the collector's: a metric clients may send, under the collector's next ids, takes none of its readings", async () => {
    const { tenant, first } = await measuredTenant('the tenant', (t) => writeBytes(join(t.root, 'files', 'data.bin'), 100_000), (body) => bytes(body, 'storage_bytes') > 100_000n);
    const at = new Date().toISOString();
    const mine = nextSlots(120).flatMap((slot) => [
      { tenantId: tenant.tenantId, eventId: gaugeEventId('storage_bytes', slot), metric: 'api_calls', quantity: '1', timestamp: at },
      { tenantId: tenant.tenantId, eventId: gaugeEventId('database_bytes', slot), metric: 'api_calls', quantity: '1', timestamp: at },
    ]);

    const answer = await api.batch(mine);

    // The client's ids are its own: accepted.
    expect(new Set(answer.body.results.map((r) => r.status))).toEqual(new Set(['accepted']));
    await writeBytes(join(tenant.root, 'files', 'more.bin'), 5_000);
    const after = await usageOnceTrue(
      tenant.tenantId,
      (body) => bytes(body, 'storage_bytes') === bytes(first, 'storage_bytes') + 5_000n && currentValue(body, 'api_calls') === String(mine.length),
      "the collector's readings and the client's calls, both",
    );
    expect(bytes(after, 'database_bytes')).toBeGreaterThan(0n);
    // And counted once, as ever: the same client ids again are duplicates.
    expect(new Set((await api.batch(mine.slice(0, 10))).body.results.map((r) => r.status))).toEqual(new Set(['duplicate']));
  });
});

describe(FsStorageProbe.name, () => {
  const sut = new FsStorageProbe();
  let base: string;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'tenantry-storage-probe-'));
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('adds up the regular files of the whole tree, not what symlinks point to', async () => {
    const root = join(base, 'tenant');
    await mkdir(join(root, 'a', 'b', 'c'), { recursive: true });
    await writeFile(join(root, 'one'), Buffer.alloc(10));
    await writeFile(join(root, 'a', 'b', 'c', 'two'), Buffer.alloc(2_000));
    await writeFile(join(base, 'outside'), Buffer.alloc(50_000));
    await symlink(join(base, 'outside'), join(root, 'a', 'file-link'));
    await symlink(base, join(root, 'a', 'dir-link'));

    expect(await sut.bytesUnder(root)).toBe(2_010n);
  });

  it('answers undefined for a root that does not exist, and 0 for an empty one', async () => {
    expect(await sut.bytesUnder(join(base, 'missing'))).toBeUndefined();
    await mkdir(join(base, 'empty'));
    expect(await sut.bytesUnder(join(base, 'empty'))).toBe(0n);
  });
});
