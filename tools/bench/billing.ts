/**
 * `npm run bench:billing`: one billing run for BENCH_TENANTS (default 10,000) tenants with usage, as
 * the compiled billing service does it on this machine. Seeds billing's own tables directly with
 * set-based SQL (accounts, subscriptions on the default plans, their `created` history rows, usage
 * totals of the ended month) — seeding is NOT measured — then starts one run through the internal
 * API (`POST /internal/v1/billing/runs`) and times it until the run record says it ended. Reports
 * invoices/s, total time, billing's peak RSS (VmHWM, and the peak sampled during the run), a rerun
 * that must add nothing, and checks one finalized invoice per tenant with numbers 1..N without gaps.
 * Uses a database of its own (dropped after) and the broker of KAFKA_BROKERS for billing's outbox.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { internalAuthHeaders, REPO_ROOT, startService, waitFor, waitUntilReady } from '@tenantry/testing';
import type { RunningService } from '@tenantry/testing';

const SERVER = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/tenantry');
const RUN = randomBytes(3).toString('hex');
const DB = `tenantry_bench_billing_${RUN}`;
const TENANTS = Number(process.env['BENCH_TENANTS'] ?? 10_000);
const GOAL_SECONDS = 30;

function dbUrl(name: string): string {
  const url = new URL(SERVER.toString());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(database: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: dbUrl(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return Math.round(Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024);
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}

/** CPU of the whole PostgreSQL server (every database on it: on a shared machine this includes other work). */
function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

const load = () => loadavg().map((n) => n.toFixed(1)).join(' / ');

interface RunView {
  id: string;
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  subscriptions: number;
  invoicesCreated: number;
  invoicesUpdated: number;
  invoicesUnchanged: number;
  invoicesFinalized: number;
  error: string | null;
}

async function api<T>(billing: RunningService, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${billing.url}${path}`, {
    method,
    headers: { ...internalAuthHeaders({ audience: 'billing' }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Starts a run and waits for its record to say it ended; samples billing's RSS meanwhile. */
async function timedRun(billing: RunningService): Promise<{ run: RunView; seconds: number; peakRssMb: number; billingCpu: number; postgresCpu: number }> {
  const pid = billing.process.child.pid as number;
  const cpuBefore = cpuSeconds(pid);
  const postgresBefore = postgresCpuSeconds();
  let peakRssMb = procStatusMb(pid, 'VmRSS');
  const started = performance.now();
  const { id } = await api<RunView>(billing, 'POST', '/internal/v1/billing/runs', { dryRun: false });
  const run = await waitFor(
    async () => {
      peakRssMb = Math.max(peakRssMb, procStatusMb(pid, 'VmRSS'));
      const view = await api<RunView>(billing, 'GET', `/internal/v1/billing/runs/${id}`);
      return view.status === 'running' ? undefined : view;
    },
    { timeoutMs: 900_000, intervalMs: 100, what: `billing run ${id} to end` },
  );
  return { run, seconds: (performance.now() - started) / 1_000, peakRssMb, billingCpu: cpuSeconds(pid) - cpuBefore, postgresCpu: postgresCpuSeconds() - postgresBefore };
}

/** The ended month (the one before the current UTC month), as YYYY-MM-DD. */
function endedPeriod(now = new Date()): { start: string; startedAt: string } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { start: start.toISOString().slice(0, 10), startedAt: start.toISOString() };
}

async function seed(): Promise<number> {
  const { start, startedAt } = endedPeriod();
  const began = performance.now();
  await withClient(DB, async (client) => {
    await client.query('BEGIN');
    await client.query(`SET LOCAL search_path = billing`);
    // Tenant n: random uuids, a plan by n mod 10 (1 free, 4 starter, 4 growth, 1 enterprise), a tax rate for every third.
    await client.query(
      `CREATE TEMP TABLE bench_tenants ON COMMIT DROP AS
       SELECT n, gen_random_uuid() AS tenant_id, gen_random_uuid() AS subscription_id,
              CASE WHEN n % 10 = 0 THEN 'free' WHEN n % 10 <= 4 THEN 'starter' WHEN n % 10 <= 8 THEN 'growth' ELSE 'enterprise' END AS plan_id,
              CASE WHEN n % 3 = 0 THEN 0.2 ELSE 0 END AS tax_rate,
              CASE WHEN n % 7 = 0 THEN 'EUR' ELSE 'USD' END AS currency
       FROM generate_series(1, $1::int) AS n`,
      [TENANTS],
    );
    await client.query(`INSERT INTO billing_accounts (tenant_id, name, currency, tax_rate, created_at, updated_at) SELECT tenant_id, 'Bench tenant ' || n, currency, tax_rate, $1, $1 FROM bench_tenants`, [startedAt]);
    await client.query(
      `INSERT INTO subscriptions (id, tenant_id, plan_id, plan_version, status, started_at, trial_ends_at, current_period_start, version, created_at, updated_at)
       SELECT subscription_id, tenant_id, plan_id, 1, 'active', $1, NULL, $2, 1, $1, $1 FROM bench_tenants`,
      [startedAt, start],
    );
    await client.query(
      `INSERT INTO subscription_changes (subscription_id, tenant_id, kind, at, from_plan_id, from_plan_version, to_plan_id, to_plan_version)
       SELECT subscription_id, tenant_id, 'created', $1, NULL, NULL, plan_id, 1 FROM bench_tenants`,
      [startedAt],
    );
    // Usage of the ended month: api calls for everyone (some above the included quantity), active users and bandwidth for some.
    await client.query(
      `INSERT INTO usage_totals (tenant_id, period_start, metric, value, latest_at, events, updated_at)
       SELECT tenant_id, $1::date, 'api_calls', 50000 + (n * 7919) % 3000000, $2::timestamptz, 100, now() FROM bench_tenants
       UNION ALL SELECT tenant_id, $1::date, 'active_users', (n * 31) % 900, $2::timestamptz, 10, now() FROM bench_tenants WHERE n % 2 = 0
       UNION ALL SELECT tenant_id, $1::date, 'bandwidth_bytes', (n::numeric * 104729) * 1000000, $2::timestamptz, 10, now() FROM bench_tenants WHERE n % 5 = 0`,
      [start, startedAt],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE billing.subscriptions, billing.subscription_changes, billing.usage_totals, billing.billing_accounts');
  });
  return (performance.now() - began) / 1_000;
}

async function check(): Promise<{ invoices: number; finalized: number; perSubscriptionMax: number; gapless: boolean }> {
  return withClient(DB, async (client) => {
    const { rows } = await client.query<{ invoices: string; finalized: string; max_per: string; numbers: string; min_n: string | null; max_n: string | null }>(
      `SELECT count(*) AS invoices, count(*) FILTER (WHERE status = 'finalized') AS finalized,
              (SELECT coalesce(max(c), 0) FROM (SELECT count(*) AS c FROM billing.invoices GROUP BY subscription_id, period_start) x) AS max_per,
              count(number) AS numbers, min(substring(number from 5)::bigint) AS min_n, max(substring(number from 5)::bigint) AS max_n
       FROM billing.invoices`,
    );
    const r = rows[0];
    if (!r) throw new Error('no answer');
    const numbers = Number(r.numbers);
    return { invoices: Number(r.invoices), finalized: Number(r.finalized), perSubscriptionMax: Number(r.max_per), gapless: numbers === 0 || (Number(r.min_n) === 1 && Number(r.max_n) === numbers) };
  });
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${load()}`);
  await withClient('postgres', (c) => c.query(`CREATE DATABASE ${DB}`));
  let billing: RunningService | undefined;
  try {
    execFileSync(process.execPath, [join(REPO_ROOT, 'dist', 'tools', 'topics', 'create-topics.js')], { cwd: REPO_ROOT, stdio: 'ignore', env: process.env });
    billing = await startService('billing', {
      DATABASE_URL: dbUrl(DB),
      // Consumer groups of its own, from the end of the topics: only the seeded tenants are billed, not TenantCreated events other work left on the broker.
      KAFKA_GROUP_PREFIX: `bench-billing-${RUN}.`,
      KAFKA_NEW_GROUPS_FROM: 'latest',
      // Finalize at once (the bench measures the whole run, drafts and numbers), and no scheduled work of its own during the bench.
      BILLING_GRACE_DAYS: '0',
      BILLING_RUN_INTERVAL_MS: String(24 * 3_600_000),
      PAYMENT_COLLECTION_INTERVAL_MS: String(24 * 3_600_000),
    });
    await waitUntilReady(billing);
    // The scheduled run at start has an empty database; wait until it ended so the measured run is alone.
    await waitFor(async () => withClient(DB, async (c) => Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM billing.billing_runs WHERE status = 'running'`)).rows[0]?.n) === 0 || undefined), {
      timeoutMs: 60_000,
      what: 'the start-up run to end',
    });
    const seedSeconds = await seed();
    console.log(`seeded ${TENANTS.toLocaleString('en')} accounts, subscriptions and their usage totals with SQL in ${seedSeconds.toFixed(1)} s (not measured)`);

    const loadBefore = load();
    const first = await timedRun(billing);
    const after = await check();
    const rate = first.run.invoicesFinalized / first.seconds;
    console.log(
      `billing run: ${first.run.status}, ${first.run.subscriptions.toLocaleString('en')} subscriptions, ${first.run.invoicesCreated.toLocaleString('en')} invoices created, ` +
        `${first.run.invoicesFinalized.toLocaleString('en')} finalized in ${first.seconds.toFixed(1)} s = ${Math.round(rate).toLocaleString('en')} invoices/s ` +
        `(goal: ${TENANTS.toLocaleString('en')} within ${GOAL_SECONDS} s: ${first.seconds <= GOAL_SECONDS && first.run.invoicesFinalized === TENANTS ? 'met' : 'NOT met'})`,
    );
    console.log(`  load average before / after: ${loadBefore} | ${load()}; billing RSS peak sampled during the run ${first.peakRssMb} MiB`);
    console.log(`  CPU seconds during the run: billing ${first.billingCpu.toFixed(1)}, postgres (whole server) ${first.postgresCpu.toFixed(1)}`);
    console.log(`  check: ${after.invoices} invoices, ${after.finalized} finalized, at most ${after.perSubscriptionMax} per subscription and period, numbers 1..${after.finalized} ${after.gapless ? 'without gaps' : 'WITH GAPS'}`);

    const rerun = await timedRun(billing);
    const again = await check();
    console.log(
      `rerun: ${rerun.run.status}, ${rerun.run.invoicesCreated} invoices created, ${rerun.run.invoicesFinalized} finalized, ${again.invoices - after.invoices} new rows, in ${rerun.seconds.toFixed(2)} s`,
    );
    console.log(`peak memory of billing (VmHWM, whole process life): ${procStatusMb(billing.process.child.pid as number, 'VmHWM')} MiB`);
    const failed = first.run.status !== 'completed' || after.finalized !== TENANTS || !after.gapless || after.perSubscriptionMax !== 1 || rerun.run.invoicesCreated !== 0 || again.invoices !== after.invoices;
    if (failed) throw new Error(`billing bench: wrong outcome (first run ${JSON.stringify(first.run)}, rerun ${JSON.stringify(rerun.run)})`);
  } finally {
    await billing?.process.kill('SIGTERM');
    await withClient('postgres', (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  });
