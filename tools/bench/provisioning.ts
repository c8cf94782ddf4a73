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
import { brokerPid, cpuSeconds, postgresCpuSeconds } from './cpu';
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
const READY_EVENTS = new Set(['TenantActivated', 'TenantTrialStarted']);

function dbUrl(name: string): string {
  const url = new URL(SERVER.toString());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Resolves when the registry announces the tenant is ready (read from Kafka, not by polling the API). */
class ReadyWatcher {
  private readonly waiters = new Map<string, (at: number) => void>();
  private readonly early = new Map<string, number>();
  private readonly consumer = createKafka({ clientId: 'bench-provisioning', brokers: BROKERS, logger: createLogger('bench', 'error') }).consumer({ groupId: `bench-provisioning-${RUN}`, maxWaitTimeInMs: 20 });

  async start(): Promise<void> {
    const joined = new Promise<void>((resolve) => this.consumer.on(this.consumer.events.GROUP_JOIN, () => resolve()));
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: TOPICS.TENANT_LIFECYCLE.name, fromBeginning: false });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const type = message.headers?.['ce_type']?.toString();
        const tenant = message.headers?.['ce_tenantid']?.toString();
        if (!type || !tenant || !READY_EVENTS.has(type)) return;
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

async function timedCreate(gateway: string, watcher: ReadyWatcher, label: string): Promise<number> {
  const started = Date.now();
  const id = await createTenant(gateway, label);
  return (await watcher.ready(id)) - started;
}

/** CPU time per process (and PostgreSQL's, the broker's), read before and after a phase. */
type CpuSnapshot = Map<string, number>;

function cpuSnapshot(services: readonly RunningService[]): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map(services.map((service) => [service.name, cpuSeconds(service.process.child.pid ?? 0)]));
  snapshot.set('postgres', postgresCpuSeconds());
  const broker = brokerPid();
  if (broker) snapshot.set('kafka', cpuSeconds(broker));
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

async function phase(gateway: string, watcher: ReadyWatcher, services: readonly RunningService[], name: string, concurrency: number): Promise<string> {
  const latencies: number[] = [];
  let next = 0;
  const cpuBefore = cpuSnapshot(services);
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < PER_PHASE) {
        const label = `${name}-${next++}`;
        latencies.push(await timedCreate(gateway, watcher, label));
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const cpu = cpuPerTenant(cpuBefore, cpuSnapshot(services), PER_PHASE);
  latencies.sort((a, b) => a - b);
  return `p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms (${(PER_PHASE / seconds).toFixed(1)} tenants/s)\n   ${cpu}`;
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
  const env = { DATABASE_URL: dbUrl(CONTROL_DB), TENANT_DATABASE_URL: dbUrl(TENANT_DB), LOG_LEVEL: 'info', TENANT_STORAGE_ROOT: `/tmp/tenantry-bench-${RUN}/storage`, EXPORT_DIR: `/tmp/tenantry-bench-${RUN}/exports`, TENANT_IDENTIFIER_PREFIX: `b${RUN}`, TENANT_ISOLATION: ISOLATION };
  try {
    console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
    const registry = await startService('tenant-registry', env);
    services.push(registry);
    const provisioning = await startService('provisioning', env);
    services.push(provisioning);
    const gateway = await startService('gateway', { ...env, TENANTRY_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, REGISTRY_URL: registry.url, PROVISIONING_URL: provisioning.url });
    services.push(gateway);
    await Promise.all(services.map((service) => waitUntilReady(service)));
    await watcher.start();

    console.log(`create → ready, ${PER_PHASE} tenants one after another, 0 present: ${await phase(gateway.url, watcher, services, 'seq0', 1)}`);
    console.log(`create → ready, ${PER_PHASE} tenants at concurrency 10, ${PER_PHASE} present: ${await phase(gateway.url, watcher, services, 'conc0', 10)}`);
    const fillStarted = Date.now();
    await fill(gateway.url, watcher, PRESENT, 2 * PER_PHASE);
    console.log(`(filled to ${PRESENT} tenants in ${((Date.now() - fillStarted) / 1000).toFixed(0)} s)`);
    console.log(`create → ready, ${PER_PHASE} tenants one after another, ${PRESENT} present: ${await phase(gateway.url, watcher, services, 'seq1k', 1)}`);
    console.log(`create → ready, ${PER_PHASE} tenants at concurrency 10, ${PRESENT + PER_PHASE} present: ${await phase(gateway.url, watcher, services, 'conc1k', 10)}`);
    console.log(await sagaSteps());
  } finally {
    await watcher.stop().catch(() => undefined);
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
