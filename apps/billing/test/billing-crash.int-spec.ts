// The compiled billing service, SIGKILLed in the middle of a billing run and started again: the run
// completes (the restarted service's run at start carries on) with exactly one invoice per
// subscription and period, one InvoiceIssued event each (one event id: the relay may deliver it
// twice, never two events), and numbers 1..N without a gap. Also the billing
// run at a small scale: 200 tenants, one invoice each, gapless. A database of its own (the service's
// schema is fixed), seeded with SQL in billing's own tables; the real clock (the ended month is the
// previous one) and a grace window of 0 days, so every invoice is finalized in the run.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TOPICS } from '@tenantry/contracts';
import { databaseUrl, internalAuthHeaders, readTopic, RunningService, sleep, startService, testKafka, waitFor, waitUntilReady } from '@tenantry/testing';

jest.setTimeout(180_000);

const kafka = testKafka();
const DB = `tenantry_billing_crash_${randomBytes(3).toString('hex')}`;

function dbUrl(name: string): string {
  const url = new URL(databaseUrl());
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

const query = <T>(sql: string, params: unknown[] = []): Promise<T[]> => withClient(DB, async (c) => (await c.query(sql, params)).rows as T[]);

/** Billing on the test database; pages of 5 subscriptions so a run of a few hundred takes many transactions. */
function start(): Promise<RunningService> {
  return startService('billing', {
    DATABASE_URL: dbUrl(DB),
    KAFKA_GROUP_PREFIX: `${DB}.`,
    // Only the tenants seeded here: not every TenantCreated other suites left on the topic.
    KAFKA_NEW_GROUPS_FROM: 'latest',
    BILLING_GRACE_DAYS: '0',
    BILLING_RUN_PAGE_SIZE: '5',
    BILLING_RUN_INTERVAL_MS: String(24 * 3_600_000),
    PAYMENT_COLLECTION_INTERVAL_MS: String(24 * 3_600_000),
  });
}

/** `count` accounts with active subscriptions whose current period is the previous UTC month, usage for every second one; returns their tenant ids. */
async function seed(count: number, plan: string): Promise<string[]> {
  const now = new Date();
  const periodStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return withClient(DB, async (c) => {
    await c.query('BEGIN');
    const { rows } = await c.query<{ tenant_id: string }>(
      `WITH t AS (SELECT n, gen_random_uuid() AS tenant_id, gen_random_uuid() AS subscription_id FROM generate_series(1, $1::int) AS n),
       a AS (INSERT INTO billing.billing_accounts (tenant_id, name, currency, tax_rate, created_at, updated_at) SELECT tenant_id, 'Crash ' || n, 'USD', 0, $2, $2 FROM t),
       s AS (INSERT INTO billing.subscriptions (id, tenant_id, plan_id, plan_version, status, started_at, current_period_start, version, created_at, updated_at)
             SELECT subscription_id, tenant_id, $3, 1, 'active', $2, $4, 1, $2, $2 FROM t)
       SELECT tenant_id FROM t`,
      [count, periodStart.toISOString(), plan, periodStart.toISOString().slice(0, 10)],
    );
    await c.query(
      `INSERT INTO billing.subscription_changes (subscription_id, tenant_id, kind, at, to_plan_id, to_plan_version)
       SELECT id, tenant_id, 'created', started_at, plan_id, plan_version FROM billing.subscriptions WHERE tenant_id = ANY($1::uuid[])`,
      [rows.map((r) => r.tenant_id)],
    );
    await c.query(
      `INSERT INTO billing.usage_totals (tenant_id, period_start, metric, value, latest_at, events, updated_at)
       SELECT tenant_id, current_period_start, 'api_calls', 200000 + row_number() OVER (ORDER BY tenant_id), $2, 1, now()
       FROM billing.subscriptions WHERE tenant_id = ANY($1::uuid[]) AND get_byte(uuid_send(tenant_id), 0) % 2 = 0`,
      [rows.map((r) => r.tenant_id), periodStart.toISOString()],
    );
    await c.query('COMMIT');
    return rows.map((r) => r.tenant_id);
  });
}

async function startRun(billing: RunningService): Promise<string> {
  const response = await fetch(`${billing.url}/internal/v1/billing/runs`, {
    method: 'POST',
    headers: { ...internalAuthHeaders({ audience: 'billing' }), 'content-type': 'application/json' },
    body: '{}',
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

/** Waits until the run's record says it ended (a run whose process was killed stays `running`). */
const awaitRun = (id: string) =>
  waitFor(async () => {
    const [run] = await query<{ status: string }>(`SELECT status FROM billing.billing_runs WHERE id = $1`, [id]);
    return run && run.status !== 'running' ? run.status : undefined;
  }, { timeoutMs: 60_000, what: `billing run ${id} to end` });

const noRunInFlight = () => waitFor(async () => ((await query<{ n: string }>(`SELECT count(*) AS n FROM billing.billing_runs WHERE status = 'running'`))[0]?.n === '0' ? true : undefined), { timeoutMs: 60_000, what: 'no billing run in flight' });

interface Ledger {
  invoices: number;
  subscriptions: number;
  perPeriodMax: number;
  finalized: number;
  numbers: number[];
}

async function ledger(tenantIds: readonly string[]): Promise<Ledger> {
  const [row] = await query<{ invoices: string; subscriptions: string; per_period_max: string | null; finalized: string }>(
    `SELECT count(*) AS invoices, count(DISTINCT subscription_id) AS subscriptions, count(*) FILTER (WHERE status = 'finalized') AS finalized,
            (SELECT max(c) FROM (SELECT count(*) AS c FROM billing.invoices WHERE tenant_id = ANY($1::uuid[]) GROUP BY subscription_id, period_start) x) AS per_period_max
     FROM billing.invoices WHERE tenant_id = ANY($1::uuid[])`,
    [tenantIds],
  );
  // Numbers are platform-wide: every invoice of this database, 1..N without a gap.
  const numbers = (await query<{ number: string }>(`SELECT number FROM billing.invoices WHERE number IS NOT NULL ORDER BY number`)).map((r) => Number(r.number.slice(4)));
  return {
    invoices: Number(row?.invoices),
    subscriptions: Number(row?.subscriptions),
    perPeriodMax: Number(row?.per_period_max ?? 0),
    finalized: Number(row?.finalized),
    numbers,
  };
}

/** The InvoiceIssued events of these tenants on the billing topic, once every one of `expected` invoices has one: event ids per invoice. */
async function issuedEvents(tenantIds: readonly string[], expected: number): Promise<Map<string, Set<string>>> {
  const wanted = new Set(tenantIds);
  const byInvoice = (messages: { key: string | null; value: string | null; headers: Record<string, string> }[]) => {
    const ids = new Map<string, Set<string>>();
    for (const m of messages) {
      if (m.headers['ce_type'] !== 'InvoiceIssued' || !wanted.has(m.key ?? '')) continue;
      const invoiceId = (JSON.parse(m.value ?? '{}') as { invoiceId: string }).invoiceId;
      ids.set(invoiceId, (ids.get(invoiceId) ?? new Set()).add(m.headers['ce_id'] ?? ''));
    }
    return ids;
  };
  return byInvoice(await readTopic(kafka, TOPICS.BILLING.name, (all) => byInvoice(all).size >= expected, { settleMs: 500 }));
}

describe('billing run, compiled service (int)', () => {
  let billing: RunningService | undefined;

  beforeAll(async () => {
    await withClient('postgres', (c) => c.query(`CREATE DATABASE ${DB}`));
    billing = await start();
    await waitUntilReady(billing);
    await noRunInFlight(); // the run at start, on an empty database
  });

  afterAll(async () => {
    await billing?.process.kill('SIGTERM');
    await withClient('postgres', (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
  });

  it('invoices 200 tenants once each with gapless numbers, and a second run adds nothing', async () => {
    const tenants = await seed(200, 'growth');
    expect(await awaitRun(await startRun(billing as RunningService))).toBe('completed');
    const first = await ledger(tenants);
    expect(first).toMatchObject({ invoices: 200, subscriptions: 200, perPeriodMax: 1, finalized: 200 });
    expect(first.numbers).toEqual(Array.from({ length: first.numbers.length }, (_, k) => k + 1));

    expect(await awaitRun(await startRun(billing as RunningService))).toBe('completed');
    expect(await ledger(tenants)).toEqual(first);
    const issued = await issuedEvents(tenants, 200);
    expect(issued.size).toBe(200);
    expect([...issued.values()].every((ids) => ids.size === 1)).toBe(true);
  });

  it('SIGKILLed in the middle of a run and restarted: the run completes, one invoice per subscription and period, numbers without gaps', async () => {
    const tenants = await seed(400, 'starter');
    const runId = await startRun(billing as RunningService);
    // Kill it once some pages have committed, while others are still to come.
    const atKill = await waitFor(
      async () => {
        const [row] = await query<{ n: string }>(`SELECT count(*) AS n FROM billing.invoices WHERE tenant_id = ANY($1::uuid[])`, [tenants]);
        return Number(row?.n) > 0 ? Number(row?.n) : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 5, what: 'the run to commit its first page' },
    );
    const killed = await (billing as RunningService).process.kill('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    const halfway = await ledger(tenants);
    expect(atKill).toBeGreaterThan(0);
    expect(halfway.invoices).toBeLessThan(400); // it really stopped in the middle
    const [stale] = await query<{ status: string }>(`SELECT status FROM billing.billing_runs WHERE id = $1`, [runId]);
    expect(stale?.status).toBe('running'); // the record of a run in flight when the process died

    const scheduledBefore = (await query<{ id: string }>(`SELECT id FROM billing.billing_runs WHERE trigger = 'schedule'`)).map((r) => r.id);
    await sleep(200);
    billing = await start();
    await waitUntilReady(billing);
    // The scheduled run at start carries on where the killed one stopped.
    const restartRun = await waitFor(async () => (await query<{ id: string }>(`SELECT id FROM billing.billing_runs WHERE trigger = 'schedule' AND NOT (id = ANY($1::uuid[]))`, [scheduledBefore]))[0]?.id, {
      timeoutMs: 60_000,
      what: 'the run at restart',
    });
    expect(await awaitRun(restartRun)).toBe('completed');
    const after = await ledger(tenants);
    expect(after).toMatchObject({ invoices: 400, subscriptions: 400, perPeriodMax: 1, finalized: 400 });
    expect(after.numbers).toEqual(Array.from({ length: after.numbers.length }, (_, k) => k + 1));
    const issued = await issuedEvents(tenants, 400);
    expect(issued.size).toBe(400);
    expect([...issued.values()].filter((ids) => ids.size !== 1)).toEqual([]);

    // And one more run adds nothing.
    expect(await awaitRun(await startRun(billing))).toBe('completed');
    expect(await ledger(tenants)).toEqual(after);
  });
});
