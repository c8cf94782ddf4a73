/**
 * `npm run bench:provisioning`: how long a platform API client waits from `POST /tenants` until
 * the tenant is active (or in trial), through the real gateway, registry, provisioning saga and
 * Kafka. 100 tenants one after another and 100 at concurrency 10, first on an empty control
 * plane, then with 1,000 tenants already present. Uses databases of its own and drops them after.
 * Each phase also reports the CPU milliseconds per tenant of each process (gateway, registry,
 * provisioning, the PostgreSQL server, the Kafka broker): on two cores, what bounds throughput.
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { Client } from 'pg';
import { TOPICS } from '@tenantry/contracts';
import { createKafka } from '@tenantry/messaging';
import { createLogger } from '@tenantry/observability';
import { RunningService, startService, waitUntilReady } from '@tenantry/testing';
import { BackendCpu, brokerPid, cpuSeconds, postgresBackendsCpu, postgresCpuByClient, postgresCpuSeconds } from './cpu';
import { percentile } from './percentile';

const BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
const SERVER = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/tenantry');
const RUN = randomBytes(3).toString('hex');
const CONTROL_DB = `tenantry_bench_${RUN}`;
const TENANT_DB = `tenantry_tenants_bench_${RUN}`;
const ADMIN_KEY = `bench-admin-${randomBytes(16).toString('hex')}`;
const PER_PHASE = Number(process.env['BENCH_TENANTS'] ?? 100);
const PRESENT = Number(process.env['BENCH_PRESENT'] ?? 1_000);
/** The isolation tier benched (provisioning's TENANT_ISOLATION): `database` makes a database per tenant (some 7.5 MB each), `schema` one schema each. */
const ISOLATION = process.env['BENCH_TENANT_ISOLATION'] ?? 'database';
/** Provisioning's TENANT_SCHEMA_POOL_SIZE for tier `schema` (its default, 10, unless set; 0: no pool). */
const SCHEMA_POOL = Number(process.env['BENCH_SCHEMA_POOL'] ?? 10);
const READY_EVENTS = new Set(['TenantActivated', 'TenantTrialStarted']);

function dbUrl(name: string): string {
  const url = new URL(SERVER.toString());
  url.pathname = `/${name}`;
  return url.toString();
}

/** The hops a create goes through, each ended by an event's Kafka timestamp (set when a relay sent it). */
const HOPS = [
  ['registry', 'TenantCreated'],
  ['provisioning', 'TenantProvisioned'],
  ['registry again', 'TenantTrialStarted'],
] as const;

/** Resolves when the registry announces the tenant is ready (read from Kafka, not by polling the API); keeps when each event of a tenant was sent. */
class ReadyWatcher {
  private readonly waiters = new Map<string, (at: number) => void>();
  private readonly early = new Map<string, number>();
  /** tenant id → event type → the event's Kafka timestamp (ms). */
  readonly sent = new Map<string, Map<string, number>>();
  private readonly consumer = createKafka({ clientId: 'bench-provisioning', brokers: BROKERS, logger: createLogger('bench', 'error') }).consumer({ groupId: `bench-provisioning-${RUN}`, maxWaitTimeInMs: 20 });

  async start(): Promise<void> {
    const joined = new Promise<void>((resolve) => this.consumer.on(this.consumer.events.GROUP_JOIN, () => resolve()));
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [TOPICS.TENANT_LIFECYCLE.name, TOPICS.TENANT_PROVISIONING.name], fromBeginning: false });
    await this.consumer.run({
      partitionsConsumedConcurrently: 8,
      eachMessage: async ({ message }) => {
        const type = message.headers?.['ce_type']?.toString();
        const tenant = message.headers?.['ce_tenantid']?.toString();
        if (!type || !tenant) return;
        const sent = this.sent.get(tenant) ?? new Map<string, number>();
        if (!sent.has(type)) sent.set(type, Number(message.timestamp));
        this.sent.set(tenant, sent);
        if (!READY_EVENTS.has(type)) return;
        const waiter = this.waiters.get(tenant);
        if (waiter) waiter(Date.now());
        else this.early.set(tenant, Date.now());
      },
    });
    // A new group starts at the end of the topic: join before the first tenant is created.
    await joined;
    await new Promise((r) => setTimeout(r, 1_000));
  }

  ready(tenantId: string, timeoutMs = 60_000): Promise<number> {
    const early = this.early.get(tenantId);
    if (early) return Promise.resolve(early);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`tenant ${tenantId} not ready after ${timeoutMs} ms`)), timeoutMs);
      this.waiters.set(tenantId, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

async function createTenant(gateway: string, label: string): Promise<string> {
  const response = await fetch(`${gateway}/api/v1/platform/tenants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Bench ${label}`, domain: `b${RUN}-${label}`, plan: 'growth', adminEmail: `admin@${label}.example.com` }),
  });
  if (response.status !== 201) throw new Error(`create ${label}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

interface Timed {
  id: string;
  started: number;
  answered: number;
  ready: number;
}

async function timedCreate(gateway: string, watcher: ReadyWatcher, label: string): Promise<Timed> {
  const started = Date.now();
  const id = await createTenant(gateway, label);
  const answered = Date.now();
  return { id, started, answered, ready: await watcher.ready(id) };
}

/**
 * Where the waits went: each hop's p50/p99 over the phase's creates (the gateway's answer; each
 * hop up to its event's Kafka timestamp; the last event's delivery to this bench), then the
 * slowest creates' hops, to tell a hop that is slow for all from one that is slow at times.
 */
async function hops(watcher: ReadyWatcher, creates: readonly Timed[]): Promise<string> {
  const sagas = await sagaTimes(creates.map((c) => c.id));
  const rows = creates.map((c) => {
    const sent = watcher.sent.get(c.id) ?? new Map<string, number>();
    const ends = HOPS.map(([, type]) => sent.get(type) ?? sent.get('TenantActivated') ?? Number.NaN);
    const saga = sagas.get(c.id);
    // The provisioning hop split at the saga's record, its first step's start and its end.
    const inside = saga ? [saga.created - (ends[0] ?? 0), saga.firstStep - saga.created, saga.finished - saga.firstStep, (ends[1] ?? 0) - saga.finished] : [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
    const ms = [c.answered - c.started, (ends[0] ?? 0) - c.started, ...ends.slice(1).map((end, i) => end - (ends[i] ?? 0)), c.ready - (ends[ends.length - 1] ?? 0), ...inside];
    return { total: c.ready - c.started, ms, at: c.started };
  });
  const names = ['answer', ...HOPS.map(([hop, type]) => `${hop} → ${type}`), 'delivery', '(in provisioning: to the saga record', 'to its first step', 'its steps', 'to TenantProvisioned sent)'];
  const spread = names.map((name, i) => {
    const values = rows.map((r) => r.ms[i] ?? 0).sort((a, b) => a - b);
    return `${name} ${percentile(values, 50)}/${percentile(values, 99)}`;
  });
  const first = Math.min(...rows.map((r) => r.at));
  const slowest = [...rows].sort((a, b) => b.total - a.total).slice(0, 5).map((r) => `${r.total} ms at +${r.at - first} ms (${r.ms.join(' / ')})`);
  return `hops p50/p99 ms: ${spread.join(', ')}\n   slowest: ${slowest.join('; ')}`;
}

/** CPU time per process (and PostgreSQL's, the broker's), read before and after a phase. */
type CpuSnapshot = Map<string, number>;

function cpuSnapshot(services: readonly RunningService[]): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map(services.map((service) => [service.name, cpuSeconds(service.process.child.pid ?? 0)]));
  snapshot.set('postgres', postgresCpuSeconds());
  const broker = brokerPid();
  if (broker) snapshot.set('kafka', cpuSeconds(broker));
  // This bench's own process (its HTTP client and its Kafka consumer): on the same two cores.
  const own = process.cpuUsage();
  snapshot.set('bench', (own.user + own.system) / 1e6);
  return snapshot;
}

function cpuPerTenant(before: CpuSnapshot, after: CpuSnapshot, tenants: number): string {
  let total = 0;
  const parts = [...after].map(([name, seconds]) => {
    const ms = ((seconds - (before.get(name) ?? 0)) * 1_000) / tenants;
    total += ms;
    return `${name} ${ms.toFixed(0)}`;
  });
  return `CPU ms per tenant: ${parts.join(', ')}; total ${total.toFixed(0)}`;
}

/** A connection to the server that reads which backend serves whom (pg_stat_activity). */
const monitor = new Client({ connectionString: dbUrl('postgres'), application_name: 'bench-monitor' });
const backends = (): Promise<BackendCpu> => postgresBackendsCpu(async (sql) => (await monitor.query<{ pid: number; client: string }>(sql)).rows);

function postgresShares(before: BackendCpu, after: BackendCpu, tenants: number): string {
  const parts = [...postgresCpuByClient(before, after)]
    .filter(([, seconds]) => seconds > 0)
    .sort(([, a], [, b]) => b - a)
    .map(([client, seconds]) => `${client} ${((seconds * 1_000) / tenants).toFixed(1)}`);
  return `PostgreSQL CPU ms per tenant by client (backends alive at the end): ${parts.join(', ')}`;
}

/** Connections PostgreSQL has accepted so far (every database): a new backend costs a fork and cold catalog caches. */
/** The bench's one connection to the tenant database (made by provisioning at its start), for counting its pooled schemas. */
let tenantMonitor: Client | undefined;

const sessions = async (): Promise<number> => Number((await monitor.query<{ n: string }>(`SELECT sum(sessions)::bigint AS n FROM pg_stat_database`)).rows[0]?.n ?? 0);

async function phase(gateway: string, watcher: ReadyWatcher, services: readonly RunningService[], name: string, concurrency: number): Promise<string> {
  const creates: Timed[] = [];
  let next = 0;
  const cpuBefore = cpuSnapshot(services);
  const backendsBefore = await backends();
  const sessionsBefore = await sessions();
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < PER_PHASE) {
        const label = `${name}-${next++}`;
        creates.push(await timedCreate(gateway, watcher, label));
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const cpu = cpuPerTenant(cpuBefore, cpuSnapshot(services), PER_PHASE);
  const byClient = `${postgresShares(backendsBefore, await backends(), PER_PHASE)}; ${(await sessions()) - sessionsBefore - 1} new connections`;
  const latencies = creates.map((c) => c.ready - c.started).sort((a, b) => a - b);
  return `(from ${new Date(started).toISOString()}) p50 ${percentile(latencies, 50)} ms, p90 ${percentile(latencies, 90)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms (${(PER_PHASE / seconds).toFixed(1)} tenants/s)\n   ${cpu}\n   ${byClient}\n   ${await hops(watcher, creates)}`;
}

/**
 * Tier `schema` with a pool: before a phase, wait (up to 15 s) until provisioning has refilled its
 * schema pool, which it does only when no tenant has been created for a while, so each phase starts
 * as a burst after a quiet spell would. Reports how many were made and PostgreSQL's CPU for them
 * (not in the phase's figures). Without a pool: nothing.
 */
async function poolRefilled(): Promise<string> {
  if (ISOLATION !== 'schema') return '';
  if (SCHEMA_POOL === 0) {
    // The same quiet spell before each phase as with a pool, so runs with and without compare.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    return ' [no schema pool; 3 s quiet before]';
  }
  if (!tenantMonitor) {
    tenantMonitor = new Client({ connectionString: dbUrl(TENANT_DB), application_name: 'bench-monitor' });
    await tenantMonitor.connect();
  }
  const client = tenantMonitor;
  // One connection for the whole run: a new one per poll would add its backend's start-up to the CPU reported.
  const pooled = async (): Promise<number> => Number((await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE $1`, [`b${RUN}\\_pool\\_%`])).rows[0]?.n ?? 0);
  const started = Date.now();
  const cpuBefore = postgresCpuSeconds();
  const before = await pooled();
  let now = before;
  while (now < SCHEMA_POOL && Date.now() - started < 15_000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    now = await pooled();
  }
  const made = now - before;
  const cpu = made > 0 ? `, PostgreSQL ${(((postgresCpuSeconds() - cpuBefore) * 1_000) / made).toFixed(0)} ms CPU each` : '';
  return ` [schema pool ${now} of ${SCHEMA_POOL} at the start: ${made} made in the ${((Date.now() - started) / 1000).toFixed(1)} s before${cpu}]`;
}

async function fill(gateway: string, watcher: ReadyWatcher, target: number, present: number): Promise<void> {
  let next = present;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < target) await timedCreate(gateway, watcher, `fill-${next++}`);
    }),
  );
}

async function admin(sql: string): Promise<string[]> {
  const client = new Client({ connectionString: dbUrl('postgres') });
  await client.connect();
  try {
    return (await client.query<{ name: string }>(sql)).rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

/** When each tenant's provisioning saga was recorded, started its first step and finished (ms since the epoch). */
async function sagaTimes(tenantIds: readonly string[]): Promise<Map<string, { created: number; firstStep: number; finished: number }>> {
  const client = new Client({ connectionString: dbUrl(CONTROL_DB) });
  await client.connect();
  try {
    const { rows } = await client.query<{ tenant_id: string; created: string; first_step: string; finished: string }>(
      `SELECT s.tenant_id, extract(epoch FROM s.created_at) * 1000 AS created, extract(epoch FROM min(st.started_at)) * 1000 AS first_step, extract(epoch FROM s.finished_at) * 1000 AS finished
       FROM provisioning.saga s JOIN provisioning.saga_step st ON st.saga_id = s.id
       WHERE s.kind = 'provision' AND s.tenant_id = ANY($1::uuid[]) GROUP BY s.id`,
      [tenantIds],
    );
    return new Map(rows.map((row) => [row.tenant_id, { created: Math.round(Number(row.created)), firstStep: Math.round(Number(row.first_step)), finished: Math.round(Number(row.finished)) }]));
  } finally {
    await client.end();
  }
}

/** Where a saga's time went: each step's mean and max duration and how many needed a second attempt, over every saga of the run. */
async function sagaSteps(): Promise<string> {
  const client = new Client({ connectionString: dbUrl(CONTROL_DB) });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; sagas: number; mean: number; max: number; retried: number }>(
      `SELECT name, count(*)::int AS sagas, round(avg(extract(epoch FROM finished_at - started_at)) * 1000)::int AS mean,
              round(max(extract(epoch FROM finished_at - started_at)) * 1000)::int AS max, count(*) FILTER (WHERE attempts > 1)::int AS retried
       FROM provisioning.saga_step GROUP BY name, position ORDER BY position`,
    );
    return `saga steps (all phases): ${rows.map((row) => `${row.name} mean ${row.mean} ms, max ${row.max} ms, ${row.retried} of ${row.sagas} retried`).join('; ')}`;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const services: RunningService[] = [];
  const watcher = new ReadyWatcher();
  const env = { DATABASE_URL: dbUrl(CONTROL_DB), TENANT_DATABASE_URL: dbUrl(TENANT_DB), LOG_LEVEL: 'info', TENANT_STORAGE_ROOT: `/tmp/tenantry-bench-${RUN}/storage`, EXPORT_DIR: `/tmp/tenantry-bench-${RUN}/exports`, TENANT_IDENTIFIER_PREFIX: `b${RUN}`, TENANT_ISOLATION: ISOLATION, TENANT_SCHEMA_POOL_SIZE: String(SCHEMA_POOL) };
  try {
    await monitor.connect();
    console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
    const registry = await startService('tenant-registry', env);
    services.push(registry);
    const provisioning = await startService('provisioning', env);
    services.push(provisioning);
    const gateway = await startService('gateway', { ...env, TENANTRY_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, REGISTRY_URL: registry.url, PROVISIONING_URL: provisioning.url });
    services.push(gateway);
    await Promise.all(services.map((service) => waitUntilReady(service)));
    await watcher.start();
    let pool: string;

    pool = await poolRefilled();
    console.log(`create → ready, ${PER_PHASE} tenants one after another, 0 present${pool}: ${await phase(gateway.url, watcher, services, 'seq0', 1)}`);
    pool = await poolRefilled();
    console.log(`create → ready, ${PER_PHASE} tenants at concurrency 10, ${PER_PHASE} present${pool}: ${await phase(gateway.url, watcher, services, 'conc0', 10)}`);
    const fillStarted = Date.now();
    await fill(gateway.url, watcher, PRESENT, 2 * PER_PHASE);
    console.log(`(filled to ${PRESENT} tenants in ${((Date.now() - fillStarted) / 1000).toFixed(0)} s)`);
    pool = await poolRefilled();
    console.log(`create → ready, ${PER_PHASE} tenants one after another, ${PRESENT} present${pool}: ${await phase(gateway.url, watcher, services, 'seq1k', 1)}`);
    pool = await poolRefilled();
    console.log(`create → ready, ${PER_PHASE} tenants at concurrency 10, ${PRESENT + PER_PHASE} present${pool}: ${await phase(gateway.url, watcher, services, 'conc1k', 10)}`);
    console.log(await sagaSteps());
  } finally {
    await watcher.stop().catch(() => undefined);
    await monitor.end().catch(() => undefined);
    await tenantMonitor?.end().catch(() => undefined);
    await Promise.all(services.map((service) => service.process.kill('SIGTERM')));
    await admin(`DROP DATABASE IF EXISTS ${CONTROL_DB} WITH (FORCE)`);
    await admin(`DROP DATABASE IF EXISTS ${TENANT_DB} WITH (FORCE)`);
    // Tenant databases and roles are cluster-wide: drop the ones this run created (the databases first: the roles have CONNECT on them).
    // DROP DATABASE runs in no function or transaction: one statement each.
    for (const name of await admin(`SELECT datname AS name FROM pg_database WHERE datname LIKE 'b${RUN}\\_%'`)) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin(`DO $$ DECLARE r record; BEGIN FOR r IN SELECT rolname FROM pg_roles WHERE rolname LIKE 'b${RUN}\\_%' LOOP EXECUTE format('DROP ROLE %I', r.rolname); END LOOP; END $$`);
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  });
