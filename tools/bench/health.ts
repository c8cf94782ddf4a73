/**
 * `npm run bench:health`: health scoring and analytics at BENCH_TENANTS (default 10,000) tenants
 * with a month of history, as the compiled health-scoring service does it on this machine.
 * Seeds health scoring's own tables (projection and analytics rollups) with set-based SQL — a
 * month of daily API calls per tenant, active users for a third of them, creation, activation,
 * invoices, features, a few churned — which is NOT measured, then measures:
 *   1. from scratch: a fresh start of the service recomputes every tenant (its start-up job):
 *      seconds from spawn until every tenant has a score (boot included);
 *   2. incremental: BENCH_EVENTS (default 50,000) UsageRecorded events produced on Kafka, one per
 *      tenant in turn (the worst case for coalescing: consecutive events never share a tenant),
 *      timed until health's projection holds them, until the rescoring job has recomputed every
 *      touched tenant after the send began, and until analytics' rollups hold them — events/s of each;
 *      then paced: BENCH_PACED_SECONDS (default 20) of events at BENCH_PACED_RATE (default bench:ingest's
 *      end-to-end rate, BENCH_INGEST_RATE) in 100 ms ticks, as ingestion would deliver them, the
 *      projection's and the rollups' lag sampled every 250 ms — they keep up when the lag does not
 *      grow (its mean over the second half of the send at most 1.1 × the first half's);
 *      then a backlog: BENCH_EVENTS more produced while the service is stopped, the service
 *      started, timed from its first usage batch (inbox) until the projection and the rollups hold
 *      them — the consumers' capacity, not bounded by how fast the bench produces;
 *   3. analytics: BENCH_REQUESTS (default 100) rounds of the usage, business and comparative
 *      endpoints (and comparative for one plan) on the internal API, p50 / p99 per endpoint.
 * Uses a database of its own (dropped after) and consumer groups of its own starting at the end.
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { TOPICS } from '@tenantry/contracts';
import { createProducer } from '@tenantry/messaging';
import { eventMessage, internalAuthHeaders, REPO_ROOT, startService, testKafka, waitFor, waitUntilReady } from '@tenantry/testing';
import type { RunningService } from '@tenantry/testing';
import { percentile } from './percentile';

const SERVER = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/tenantry');
const RUN = randomBytes(3).toString('hex');
const DB = `tenantry_bench_health_${RUN}`;
const TENANTS = Number(process.env['BENCH_TENANTS'] ?? 10_000);
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 50_000);
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 100);
/** 0: skip measure 1 (the scores are then seeded with SQL too, and the service is not restarted). */
const FROM_SCRATCH = process.env['BENCH_FROM_SCRATCH'] !== '0';
/** How long measure 2 waits for the projection before it reports what was done so far. */
const INCREMENTAL_TIMEOUT_S = Number(process.env['BENCH_INCREMENTAL_TIMEOUT_S'] ?? 600);
/** 1: keep the bench's database after the run (for EXPLAIN ANALYZE on its data); its name is printed. */
const KEEP_DB = process.env['BENCH_KEEP_DB'] === '1';
const P99_GOAL_MS = 200;
/** bench:ingest's end-to-end rate to compare with, events/s: BENCH_INGEST_RATE, default the README's figure (2026-12-01, same sitting as bench:health). */
const INGEST_RATE = Number(process.env['BENCH_INGEST_RATE'] ?? 2_690);
/** The paced run's rate and length: bench:ingest's rate by default, for 20 s. */
const PACED_RATE = Number(process.env['BENCH_PACED_RATE'] ?? INGEST_RATE);
const PACED_SECONDS = Number(process.env['BENCH_PACED_SECONDS'] ?? 20);

const load = () => loadavg().map((n) => n.toFixed(1)).join(' / ');

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

const count = (sql: string, params: unknown[] = []) => withClient(DB, async (c) => Number((await c.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0));

function start(): Promise<RunningService> {
  // Info logs: startService finds the URLs in them.
  return startService('health-scoring', {
    DATABASE_URL: dbUrl(DB),
    KAFKA_GROUP_PREFIX: `bench-health-${RUN}.`,
    KAFKA_NEW_GROUPS_FROM: 'latest',
    HEALTH_RECOMPUTE_INTERVAL_MS: String(24 * 3_600_000),
  }, 180_000);
}

async function seed(): Promise<number> {
  const began = performance.now();
  await withClient(DB, async (c) => {
    await c.query('BEGIN');
    await c.query('SET LOCAL search_path = health_scoring');
    await c.query(
      `CREATE TEMP TABLE bench_tenants ON COMMIT DROP AS
       SELECT n, gen_random_uuid() AS tenant_id,
              CASE WHEN n % 10 = 0 THEN 'free' WHEN n % 10 <= 4 THEN 'starter' WHEN n % 10 <= 8 THEN 'growth' ELSE 'enterprise' END AS plan_id,
              now() - interval '45 days' + (n % 10) * interval '1 day' AS created_at,
              CASE WHEN n % 50 = 0 THEN now() - (n % 20) * interval '1 day' END AS churned_at
       FROM generate_series(1, $1::int) AS n`,
      [TENANTS],
    );
    await c.query(`CREATE TEMP TABLE bench_days ON COMMIT DROP AS SELECT d, (current_date - d) AS day FROM generate_series(0, 29) AS d`);
    // The health projection: creation and activation (and deactivation for the churned), invoices, a month of usage, active users.
    await c.query(
      `INSERT INTO signals (event_id, tenant_id, type, at, data)
       SELECT 'c-' || tenant_id, tenant_id, 'TenantCreated', created_at,
              jsonb_build_object('tenantId', tenant_id, 'slug', 'bench-' || n, 'name', 'Bench ' || n, 'plan', jsonb_build_object('id', plan_id, 'trial', false), 'resources', jsonb_build_object('storage', 1, 'bandwidth', 1, 'users', 10), 'createdAt', created_at)
         FROM bench_tenants
       UNION ALL
       SELECT 'a-' || tenant_id, tenant_id, 'TenantActivated', created_at + interval '1 hour',
              jsonb_build_object('tenantId', tenant_id, 'from', 'provisioning', 'to', 'active', 'actor', 'system', 'at', created_at + interval '1 hour') FROM bench_tenants
       UNION ALL
       SELECT 'd-' || tenant_id, tenant_id, 'TenantDeactivated', churned_at,
              jsonb_build_object('tenantId', tenant_id, 'from', 'active', 'to', 'inactive', 'actor', 'system', 'at', churned_at) FROM bench_tenants WHERE churned_at IS NOT NULL
       UNION ALL
       SELECT 'i-' || tenant_id, tenant_id, 'InvoiceIssued', date_trunc('month', now()),
              jsonb_build_object('tenantId', tenant_id, 'invoiceId', 'inv-' || tenant_id, 'amountMinor', 1000 + (n % 7) * 1000, 'currency', 'EUR', 'periodStart', date_trunc('month', now()), 'periodEnd', now(), 'dueAt', now() + interval '14 days')
         FROM bench_tenants WHERE plan_id <> 'free'
       UNION ALL
       SELECT 'p-' || tenant_id, tenant_id, 'InvoicePaid', date_trunc('month', now()) + interval '1 hour',
              jsonb_build_object('tenantId', tenant_id, 'invoiceId', 'inv-' || tenant_id, 'amountMinor', 1000 + (n % 7) * 1000, 'currency', 'EUR', 'paidAt', date_trunc('month', now()) + interval '1 hour')
         FROM bench_tenants WHERE plan_id <> 'free' AND n % 13 <> 0`,
    );
    await c.query(
      `INSERT INTO usage_daily (tenant_id, metric, day, quantity)
       SELECT t.tenant_id, 'api_calls', d.day, 100 + (t.n * 7919 + d.d * 104729) % 5000 FROM bench_tenants t CROSS JOIN bench_days d`,
    );
    await c.query(
      `INSERT INTO active_users (tenant_id, day, user_id)
       SELECT t.tenant_id, d.day, 'user-' || u FROM bench_tenants t CROSS JOIN bench_days d CROSS JOIN generate_series(1, 2) u WHERE t.n % 3 = 0`,
    );
    // Journeys: a tenant with a month of usage has long completed its first usage (and first active
    // user), as in production; otherwise the journeys' usage consumer would track 10,000 first usages
    // during the incremental measure.
    await c.query(
      `INSERT INTO onboarding_items (tenant_id, item, completed_at)
       SELECT tenant_id, 'first-usage', created_at + interval '1 day' FROM bench_tenants
       UNION ALL
       SELECT tenant_id, 'first-active-user', created_at + interval '1 day' FROM bench_tenants WHERE n % 3 = 0`,
    );
    // Analytics' rollups of the same month.
    await c.query(
      `INSERT INTO analytics_tenants (tenant_id, plan_id, plan_at, created_at, activated_at, churned_at, features, config_version)
       SELECT tenant_id, plan_id, created_at, created_at, created_at + interval '1 hour', churned_at,
              CASE WHEN n % 4 = 0 THEN ARRAY['audit', 'sso'] WHEN n % 2 = 0 THEN ARRAY['sso'] ELSE ARRAY[]::text[] END, 2 FROM bench_tenants`,
    );
    await c.query(`INSERT INTO analytics_feature_first (tenant_id, feature, first_at) SELECT tenant_id, f, created_at FROM bench_tenants, unnest(CASE WHEN n % 4 = 0 THEN ARRAY['audit', 'sso'] WHEN n % 2 = 0 THEN ARRAY['sso'] ELSE ARRAY[]::text[] END) f`);
    await c.query(`INSERT INTO analytics_active_users (tenant_id, day, user_id) SELECT tenant_id, day, user_id FROM active_users`);
    await c.query(
      `INSERT INTO analytics_plan_daily (plan_id, day, api_calls, active_users)
       SELECT t.plan_id, u.day, sum(u.quantity), coalesce(sum(au.users), 0)
         FROM usage_daily u JOIN bench_tenants t USING (tenant_id)
         LEFT JOIN (SELECT tenant_id, day, count(*) AS users FROM active_users GROUP BY 1, 2) au ON au.tenant_id = u.tenant_id AND au.day = u.day
        GROUP BY t.plan_id, u.day`,
    );
    await c.query(
      `INSERT INTO analytics_plan_hourly (plan_id, day, hour, api_calls)
       SELECT plan_id, day, h, total / 24 FROM (SELECT t.plan_id, u.day, sum(u.quantity) AS total FROM usage_daily u JOIN bench_tenants t USING (tenant_id) GROUP BY 1, 2) x CROSS JOIN generate_series(0, 23) h`,
    );
    await c.query(
      `INSERT INTO analytics_tenant_monthly (tenant_id, month, api_calls, active_user_days)
       SELECT u.tenant_id, u.month, u.calls, coalesce(a.days, 0)
         FROM (SELECT tenant_id, date_trunc('month', day)::date AS month, sum(quantity) AS calls FROM usage_daily GROUP BY 1, 2) u
         LEFT JOIN (SELECT tenant_id, date_trunc('month', day)::date AS month, count(*) AS days FROM active_users GROUP BY 1, 2) a ON a.tenant_id = u.tenant_id AND a.month = u.month`,
    );
    await c.query(
      `INSERT INTO analytics_invoices (invoice_id, tenant_id, month, currency, amount_minor)
       SELECT 'inv-' || tenant_id, tenant_id, date_trunc('month', now())::date, 'EUR', 1000 + (n % 7) * 1000 FROM bench_tenants WHERE plan_id <> 'free'`,
    );
    if (!FROM_SCRATCH) {
      await c.query(
        // A well-formed score (the service reads its components when it recomputes the tenant).
        `INSERT INTO scores (tenant_id, overall, band, detail, computed_at)
         SELECT tenant_id, overall, band,
                jsonb_build_object('overall', overall, 'band', band, 'components', '{}'::jsonb, 'withoutData', '[]'::jsonb, 'explanation', 'seeded by the benchmark', 'alerts', '[]'::jsonb), now()
           FROM (SELECT tenant_id, 20 + (n * 37) % 81 AS overall, CASE WHEN 20 + (n * 37) % 81 <= 50 THEN 'red' WHEN 20 + (n * 37) % 81 <= 75 THEN 'yellow' ELSE 'green' END AS band FROM bench_tenants) s`,
      );
    }
    await c.query('COMMIT');
    await c.query('ANALYZE');
  });
  return (performance.now() - began) / 1_000;
}

async function timed(service: RunningService, path: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${service.url}${path}`, { headers: internalAuthHeaders({ audience: 'health-scoring' }) });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return performance.now() - started;
}

let goalMissed = false;

/** 3. Analytics latency: rounds of the three endpoints (and comparative for one plan), p50 / p99 each. */
async function analytics(service: RunningService): Promise<void> {
    const today = new Date();
    const from = new Date(today.getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
    const to = today.toISOString().slice(0, 10);
    const paths = {
      usage: `/internal/v1/analytics/usage?from=${from}&to=${to}`,
      business: `/internal/v1/analytics/business?from=${from}&to=${to}`,
      comparative: `/internal/v1/analytics/comparative?from=${from}&to=${to}`,
      'comparative plan=starter': `/internal/v1/analytics/comparative?from=${from}&to=${to}&plan=starter`,
    };
    for (const path of Object.values(paths)) await timed(service, path); // warm-up
    const latencies: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
    const loadAnalytics = load();
    for (let round = 0; round < REQUESTS; round++) for (const [name, path] of Object.entries(paths)) (latencies[name] ??= []).push(await timed(service, path));
    for (const [name, values] of Object.entries(latencies)) {
      const sorted = [...values].sort((a, b) => a - b);
      const p99 = percentile(sorted, 99);
      if (TENANTS >= 10_000 && p99 > P99_GOAL_MS) goalMissed = true;
      console.log(`analytics ${name}: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? 0).toFixed(1)} ms (${values.length} requests; goal p99 ≤ ${P99_GOAL_MS} ms: ${p99 <= P99_GOAL_MS ? 'met' : 'NOT met'})`);
    }
    console.log(`  load average during the analytics requests: ${loadAnalytics} → ${load()}`);
    const comparative = (await (await fetch(`${service.url}${paths.comparative}`, { headers: internalAuthHeaders({ audience: 'health-scoring' }) })).json()) as { total: number; riskIndicators: unknown[] };
    console.log(`  check: comparative compares ${comparative.total.toLocaleString('en')} tenants, ${comparative.riskIndicators.length.toLocaleString('en')} risk indicators`);
    if (comparative.total < TENANTS * 0.9) throw new Error(`comparative compared ${comparative.total} tenants, expected about ${TENANTS}`);
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${load()}`);
  console.log(`scale: ${TENANTS.toLocaleString('en')} tenants, ${EVENTS.toLocaleString('en')} incremental events, ${REQUESTS} rounds of analytics requests`);
  await withClient('postgres', (c) => c.query(`CREATE DATABASE ${DB}`));
  let service: RunningService | undefined;
  try {
    execFileSync(process.execPath, [join(REPO_ROOT, 'dist', 'tools', 'topics', 'create-topics.js')], { cwd: REPO_ROOT, stdio: 'ignore', env: process.env });
    service = await start(); // migrations; its start-up job finds no tenant
    await waitUntilReady(service, 180_000);
    if (FROM_SCRATCH) {
      await service.process.kill('SIGTERM');
      service = undefined;
    }
    const seedSeconds = await seed();
    console.log(`seeded ${TENANTS.toLocaleString('en')} tenants with a month of history${FROM_SCRATCH ? '' : ' and their scores'} with SQL in ${seedSeconds.toFixed(1)} s (not measured)`);

    if (FROM_SCRATCH) {
      // 1. From scratch: the start-up job scores every tenant.
      const loadBefore = load();
      const began = performance.now();
      service = await start();
      await waitUntilReady(service, 180_000);
      await waitFor(async () => ((await count(`SELECT count(*) AS n FROM health_scoring.scores`)) === TENANTS ? true : undefined), {
        timeoutMs: 1_800_000,
        intervalMs: 250,
        what: 'every tenant scored',
      });
      const scratch = (performance.now() - began) / 1_000;
      console.log(`from scratch: ${TENANTS.toLocaleString('en')} scores in ${scratch.toFixed(1)} s (boot included) = ${Math.round(TENANTS / scratch).toLocaleString('en')} tenants/s; load average ${loadBefore} → ${load()}`);
    }
    if (!service) throw new Error('no service');
    await analytics(service);

    // 2. Incremental: usage events on Kafka, one tenant after the other.
    const tenants = await withClient(DB, async (c) => (await c.query<{ tenant_id: string }>(`SELECT tenant_id FROM health_scoring.analytics_tenants ORDER BY tenant_id`)).rows.map((r) => r.tenant_id));
    const sumHealth = () => count(`SELECT coalesce(sum(quantity), 0) AS n FROM health_scoring.usage_daily WHERE metric = 'api_calls' AND day = $1::date`, [new Date().toISOString().slice(0, 10)]);
    const sumAnalytics = () => count(`SELECT coalesce(sum(api_calls), 0) AS n FROM health_scoring.analytics_plan_daily WHERE day = $1::date`, [new Date().toISOString().slice(0, 10)]);
    const [healthBefore, analyticsBefore] = [await sumHealth(), await sumAnalytics()];
    const kafka = testKafka();
    const producer = createProducer(kafka, { idempotent: true });
    await producer.connect();
    const usage = (n: number) =>
      eventMessage('UsageRecorded', { tenantId: tenants[n % tenants.length] as string, eventId: `bench-${RUN}-${n}`, metric: 'api_calls', quantity: '1', timestamp: new Date().toISOString(), source: 'gateway' });
    /** Sends events `first` … `first + EVENTS - 1` (ids unique in the run), 1,000 per request. */
    const send = async (first: number) => {
      for (let sent = 0; sent < EVENTS; sent += 1_000) {
        const messages = Array.from({ length: Math.min(1_000, EVENTS - sent) }, (_, i) => usage(first + sent + i));
        await producer.send({ topic: TOPICS.METERING_USAGE.name, acks: -1, messages });
      }
    };
    /** The paced run: events `2 × EVENTS` onwards at PACED_RATE for PACED_SECONDS; the lag sampled every 250 ms. */
    const paced = async (producer: ReturnType<typeof createProducer>, folded: () => Promise<number>, rolledUp: () => Promise<number>) => {
      const [foldedBefore, rolledUpBefore] = [await folded(), await rolledUp()];
      const total = Math.round(PACED_RATE * PACED_SECONDS);
      const perTick = Math.max(1, Math.round(PACED_RATE / 10));
      const loadBefore = load();
      let produced = 0;
      let stopSampling = false;
      const samples: { at: number; lag: number; rollupLag: number }[] = [];
      const began = performance.now();
      const sampler = (async () => {
        while (!stopSampling) {
          const at = (performance.now() - began) / 1_000;
          const sent = produced;
          samples.push({ at, lag: sent - ((await folded()) - foldedBefore), rollupLag: sent - ((await rolledUp()) - rolledUpBefore) });
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      })();
      for (let tick = 0; produced < total; tick += 1) {
        const wait = began + tick * 100 - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const messages = Array.from({ length: Math.min(perTick, total - produced) }, (_, i) => usage(2 * EVENTS + produced + i));
        await producer.send({ topic: TOPICS.METERING_USAGE.name, acks: -1, messages });
        produced += messages.length;
      }
      const sendSeconds = (performance.now() - began) / 1_000;
      const drained = async (current: () => Promise<number>, before: number) => {
        await waitFor(async () => ((await current()) - before >= total ? true : undefined), { timeoutMs: INCREMENTAL_TIMEOUT_S * 1_000, intervalMs: 100, what: 'the paced events folded' });
        return (performance.now() - began) / 1_000 - sendSeconds;
      };
      const [projectionDrain, rollupDrain] = await Promise.all([drained(folded, foldedBefore), drained(rolledUp, rolledUpBefore)]);
      stopSampling = true;
      await sampler;
      const during = samples.filter((sample) => sample.at <= sendSeconds);
      const half = (from: number, to: number, pick: (sample: (typeof samples)[number]) => number) => {
        const values = during.filter((sample) => sample.at >= from * sendSeconds && sample.at < to * sendSeconds).map(pick);
        return values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : 0;
      };
      const summary = (name: string, pick: (sample: (typeof samples)[number]) => number, drain: number) => {
        const max = Math.max(0, ...during.map(pick));
        const [first, second] = [half(0, 0.5, pick), half(0.5, 1, pick)];
        // Keeping up: the lag does not grow while events keep coming (a backlog would grow in the second half).
        const keptUp = second <= first * 1.1;
        console.log(
          `  ${name}: lag (events sent, not yet folded) mean ${first.toLocaleString('en')} in the first half, ${second.toLocaleString('en')} in the second, max ${max.toLocaleString('en')} (${(max / PACED_RATE).toFixed(2)} s of events); ` +
            `all folded ${drain.toFixed(1)} s after the send ended: ${keptUp ? 'kept up (the lag did not grow)' : 'NOT kept up (the lag grew)'}`,
        );
      };
      console.log(`paced: ${total.toLocaleString('en')} events at ${PACED_RATE.toLocaleString('en')} events/s for ${sendSeconds.toFixed(1)} s (one tenant after another); load average ${loadBefore} → ${load()}`);
      summary('health projection', (sample) => sample.lag, projectionDrain);
      summary('analytics rollups', (sample) => sample.rollupLag, rollupDrain);
    };
    const loadIncremental = load();
    const sendStart = performance.now();
    await send(0);
    const produced = (performance.now() - sendStart) / 1_000;
    // The projection folds the events (usage_daily); the rescoring job then recomputes each touched tenant once.
    const touched = Math.min(EVENTS, tenants.length);
    const sendStartedAt = new Date(Date.now() - (performance.now() - sendStart));
    const rescored = () => count(`SELECT count(*) AS n FROM health_scoring.scores WHERE computed_at >= $1`, [sendStartedAt]);
    const dirty = () => count(`SELECT count(*) AS n FROM health_scoring.dirty_tenants`);
    let healthDone = 0;
    let analyticsDone = 0;
    let scoresDone = 0;
    let healthSeen = 0;
    let analyticsSeen = 0;
    let scoresSeen = 0;
    while ((!healthDone || !analyticsDone || !scoresDone) && performance.now() - sendStart < INCREMENTAL_TIMEOUT_S * 1_000) {
      analyticsSeen = (await sumAnalytics()) - analyticsBefore;
      healthSeen = (await sumHealth()) - healthBefore;
      scoresSeen = await rescored();
      const now = (performance.now() - sendStart) / 1_000;
      if (!analyticsDone && analyticsSeen >= EVENTS) analyticsDone = now;
      if (!healthDone && healthSeen >= EVENTS) healthDone = now;
      if (healthDone && !scoresDone && scoresSeen >= touched && (await dirty()) === 0) scoresDone = now;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const waited = (performance.now() - sendStart) / 1_000;
    const rate = (n: number, seconds: number) => Math.round(n / seconds).toLocaleString('en');
    console.log(`incremental: ${EVENTS.toLocaleString('en')} events (${touched.toLocaleString('en')} tenants) produced in ${produced.toFixed(1)} s; load average ${loadIncremental} → ${load()}`);
    console.log(
      healthDone
        ? `  health projection (usage folded, tenants marked dirty): all after ${healthDone.toFixed(1)} s = ${rate(EVENTS, healthDone)} events/s (bench:ingest's ${INGEST_RATE.toLocaleString('en')} events/s: ${EVENTS / healthDone >= INGEST_RATE ? 'kept up' : 'NOT kept up'}, ratio ${(EVENTS / healthDone / INGEST_RATE).toFixed(2)})`
        : `  health projection: NOT done within ${INCREMENTAL_TIMEOUT_S} s: ${healthSeen.toLocaleString('en')} of ${EVENTS.toLocaleString('en')} events (${(healthSeen / waited).toFixed(1)} events/s)`,
    );
    console.log(
      scoresDone
        ? `  rescoring: every touched tenant recomputed after ${scoresDone.toFixed(1)} s = ${rate(EVENTS, scoresDone)} events/s scored, ${rate(touched, scoresDone)} tenants/s`
        : `  rescoring: NOT done within ${INCREMENTAL_TIMEOUT_S} s: ${scoresSeen.toLocaleString('en')} of ${touched.toLocaleString('en')} tenants recomputed (${(scoresSeen / waited).toFixed(1)} tenants/s)`,
    );
    console.log(
      analyticsDone
        ? `  analytics rollups: all after ${analyticsDone.toFixed(1)} s = ${rate(EVENTS, analyticsDone)} events/s`
        : `  analytics rollups: NOT done within ${INCREMENTAL_TIMEOUT_S} s: ${analyticsSeen.toLocaleString('en')} events (${(analyticsSeen / waited).toFixed(1)} events/s)`,
    );
    const ratio = (eventsPerSecond: number) => `${(eventsPerSecond / INGEST_RATE).toFixed(2)} × bench:ingest's ${INGEST_RATE.toLocaleString('en')} events/s (BENCH_INGEST_RATE)`;
    if (healthDone) console.log(`  ratios: projection ${ratio(EVENTS / healthDone)}; rollups ${analyticsDone ? ratio(EVENTS / analyticsDone) : 'not done'}; after the send ended the projection took ${(healthDone - produced).toFixed(1)} s more`);

    // Paced: BENCH_PACED_SECONDS of events at bench:ingest's end-to-end rate (BENCH_PACED_RATE,
    // default BENCH_INGEST_RATE), as ingestion would deliver them, in 100 ms ticks. The projection
    // keeps up when its lag (events produced but not yet folded) does not grow with time. Runs before the backlog, with the service still up.
    await paced(producer, sumHealth, sumAnalytics);

    // Backlog: the consumers' capacity, which the live measure cannot show when the bench's
    // producer is the slower side. The service is stopped, BENCH_EVENTS more are produced, and the
    // service is started again (its start-up recomputation of every tenant runs alongside, so this
    // is a lower bound); timed from the start of its first usage batch (inbox) to the last one seen.
    await service.process.kill('SIGTERM');
    service = undefined;
    const [healthBacklog, analyticsBacklog] = [await sumHealth(), await sumAnalytics()];
    await send(EVENTS);
    await producer.disconnect();
    const restartedAt = new Date();
    const loadBacklog = load();
    service = await start();
    const backlogStart = performance.now();
    const done = { health: 0, analytics: 0 };
    while ((!done.health || !done.analytics) && performance.now() - backlogStart < INCREMENTAL_TIMEOUT_S * 1_000) {
      if (!done.health && (await sumHealth()) - healthBacklog >= EVENTS) done.health = Date.now();
      if (!done.analytics && (await sumAnalytics()) - analyticsBacklog >= EVENTS) done.analytics = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const firstBatch = (group: string) =>
      withClient(DB, async (c) => (await c.query<{ at: Date | null }>(`SELECT min(processed_at) AS at FROM health_scoring.inbox WHERE consumer_group = $1 AND processed_at >= $2`, [group, restartedAt])).rows[0]?.at ?? null);
    console.log(`backlog: ${EVENTS.toLocaleString('en')} events produced with the service stopped, then the service started; load average ${loadBacklog} → ${load()}`);
    for (const [name, group, at] of [
      ['health projection', `bench-health-${RUN}.health-scoring.usage`, done.health],
      ['analytics rollups', `bench-health-${RUN}.health-scoring.analytics-usage`, done.analytics],
    ] as const) {
      const first = await firstBatch(group);
      if (!at || !first) {
        console.log(`  ${name}: NOT done within ${INCREMENTAL_TIMEOUT_S} s`);
        continue;
      }
      const seconds = Math.max((at - first.getTime()) / 1_000, 0.001);
      console.log(`  ${name}: ${seconds.toFixed(1)} s from its first batch = ${rate(EVENTS, seconds)} events/s = ${ratio(EVENTS / seconds)}`);
    }

  } finally {
    await service?.process.kill('SIGTERM');
    if (KEEP_DB) console.log(`kept the database ${DB} (BENCH_KEEP_DB=1): drop it with dropdb ${DB}`);
    else await withClient('postgres', (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
  }
  if (goalMissed) console.log('an analytics p99 goal was NOT met at this scale');
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  });
