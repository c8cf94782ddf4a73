/**
 * `npm run bench:fairness`: does one tenant's flood slow another tenant down? The compiled gateway
 * (real Postgres, Kafka and Redis) in front of a stand-in registry that answers at once; both
 * tenants are on a plan limited to BENCH_PLAN_RATE calls a second (burst twice that). Tenant B calls
 * `GET /tenants/{id}` at BENCH_VICTIM_RATE (open loop, below its limit) and its p50/p99 are measured:
 *
 *   1. alone (the baseline);
 *   2. while tenant A calls at 1.2× its limit (flooding "at its limit"; at most 16 calls in flight);
 *   3. while tenant A floods as fast as BENCH_FLOOD_CONNECTIONS connections go (the issue's flood);
 *   4. alone again (how much the machine itself drifted);
 *   5. alone and with the same flood on a gateway with RATE_LIMIT_ENABLED=false, for comparison.
 *
 * One run; figures printed as measured. The machine is shared: compare ratios, not absolute values.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { ensureDatabase } from '@tenantry/persistence';
import { RunningService, startService, waitUntilReady } from '@tenantry/testing';
import { percentile } from './percentile';

const SECONDS = Number(process.env['BENCH_FAIRNESS_SECONDS'] ?? 15);
const VICTIM_RATE = Number(process.env['BENCH_VICTIM_RATE'] ?? 5);
const FLOOD_CONNECTIONS = Number(process.env['BENCH_FLOOD_CONNECTIONS'] ?? 8);
/**
 * Both tenants' plan limit (burst twice that). Fairness needs the limits of the tenants active at
 * once to fit what the gateway can serve; on a shared, loaded 2-core machine that is a few dozen
 * calls a second, so the default is small.
 */
const PLAN_RATE = Number(process.env['BENCH_PLAN_RATE'] ?? 6);
const MAX_IN_FLIGHT = 16;
const ADMIN_KEY = `bench-admin-${randomBytes(16).toString('hex')}`;
/** A database of the benchmark's own on the same server, so its keys never land in a working one. */
const DATABASE_URL = (() => {
  const url = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/tenantry');
  url.pathname = '/tenantry_bench_fairness';
  return url.toString();
})();

interface Phase {
  name: string;
  victim: number[];
  victimErrors: number;
  flood: { ok: number; limited: number; other: number };
}

/** A registry stand-in: every GET answers a small tenant document at once. */
async function startRegistry(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = (req.url ?? '').split('/').pop();
      res.writeHead(200, { 'content-type': 'application/json', etag: '"1"' });
      res.end(JSON.stringify({ id, name: 'Bench tenant', status: 'active', plan: { id: 'starter' } }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function startGateway(registryUrl: string, env: Record<string, string>): Promise<RunningService> {
  const gateway = await startService('gateway', {
    DATABASE_URL,
    TENANTRY_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    REGISTRY_URL: registryUrl,
    PROVISIONING_URL: registryUrl,
    KAFKA_GROUP_PREFIX: `bench-fairness-${randomBytes(4).toString('hex')}`,
    KAFKA_NEW_GROUPS_FROM: 'latest',
    RATE_LIMIT_KEY_PREFIX: `bench-fairness:${randomBytes(6).toString('hex')}:`,
    RATE_LIMIT_PLANS: `bench=${PLAN_RATE}:${PLAN_RATE * 2}`,
    RATE_LIMIT_DEFAULT_PLAN: 'bench',
    ...env,
  });
  await waitUntilReady(gateway);
  return gateway;
}

async function issueKey(gatewayUrl: string, tenantId: string): Promise<string> {
  const response = await fetch(`${gatewayUrl}/api/v1/platform/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `bench-${tenantId.slice(0, 8)}`, role: 'tenant-admin', tenantId }),
  });
  if (response.status !== 201) throw new Error(`could not issue a key: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { key: string }).key;
}

async function get(gatewayUrl: string, tenantId: string, key: string): Promise<number> {
  const response = await fetch(`${gatewayUrl}/api/v1/platform/tenants/${tenantId}`, { headers: { authorization: `Bearer ${key}` } });
  await response.arrayBuffer();
  return response.status;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tenant B at VICTIM_RATE calls a second, open loop (a slow answer does not delay the next call). */
async function victim(gatewayUrl: string, tenantId: string, key: string, phase: Phase): Promise<void> {
  const calls: Promise<void>[] = [];
  const start = Date.now();
  for (let i = 0; i < SECONDS * VICTIM_RATE; i++) {
    const due = start + (i * 1000) / VICTIM_RATE;
    if (due > Date.now()) await sleep(due - Date.now());
    calls.push(
      (async () => {
        const began = performance.now();
        const status = await get(gatewayUrl, tenantId, key).catch(() => 0);
        if (status === 200) phase.victim.push(performance.now() - began);
        else phase.victimErrors += 1;
      })(),
    );
  }
  await Promise.all(calls);
}

/** Tenant A: `paced` calls a second (open loop), or as fast as FLOOD_CONNECTIONS closed loops go. */
async function flood(gatewayUrl: string, tenantId: string, key: string, phase: Phase, stop: () => boolean, paced?: number): Promise<void> {
  const count = (status: number) => {
    if (status === 200) phase.flood.ok += 1;
    else if (status === 429) phase.flood.limited += 1;
    else phase.flood.other += 1;
  };
  if (paced) {
    const calls: Promise<void>[] = [];
    const start = Date.now();
    let inFlight = 0;
    for (let i = 0; !stop(); i++) {
      const due = start + (i * 1000) / paced;
      if (due > Date.now()) await sleep(due - Date.now());
      // A client that keeps a bounded number of calls open, as real ones do (and not an unbounded pile-up).
      if (inFlight >= MAX_IN_FLIGHT) continue;
      inFlight += 1;
      calls.push(
        get(gatewayUrl, tenantId, key)
          .then(count, () => count(0))
          .finally(() => (inFlight -= 1)),
      );
    }
    await Promise.all(calls);
    return;
  }
  await Promise.all(
    Array.from({ length: FLOOD_CONNECTIONS }, async () => {
      while (!stop()) count(await get(gatewayUrl, tenantId, key).catch(() => 0));
    }),
  );
}

async function runPhase(name: string, gatewayUrl: string, keys: { a: [string, string]; b: [string, string] }, mode: 'none' | 'paced' | 'flood'): Promise<Phase> {
  const phase: Phase = { name, victim: [], victimErrors: 0, flood: { ok: 0, limited: 0, other: 0 } };
  let done = false;
  const attacker = mode === 'none' ? Promise.resolve() : flood(gatewayUrl, keys.a[0], keys.a[1], phase, () => done, mode === 'paced' ? PLAN_RATE * 1.2 : undefined);
  // Let the flood reach its pace (and use up A's burst) before measuring B.
  if (mode !== 'none') await sleep(2_000);
  await victim(gatewayUrl, keys.b[0], keys.b[1], phase);
  done = true;
  await attacker;
  return phase;
}

function describe(phase: Phase, baselineP99: number): string {
  const sorted = [...phase.victim].sort((x, y) => x - y);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const flood = phase.flood.ok + phase.flood.limited + phase.flood.other;
  const floodText = flood === 0 ? 'no flood' : `A sent ${flood} (${phase.flood.ok} × 200, ${phase.flood.limited} × 429${phase.flood.other ? `, ${phase.flood.other} other` : ''})`;
  const ratio = Number.isFinite(baselineP99) ? ` | p99 ${(p99 / baselineP99).toFixed(2)}× baseline` : '';
  return `${phase.name.padEnd(44)} B: ${sorted.length} × 200${phase.victimErrors ? ` (+${phase.victimErrors} failed)` : ''}, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms${ratio} | ${floodText}`;
}

async function main(): Promise<void> {
  console.log(`fairness: ${cpus().length} CPUs; B at ${VICTIM_RATE} r/s for ${SECONDS} s per phase; A's plan limit ${PLAN_RATE} r/s (burst ${PLAN_RATE * 2}); flood = ${FLOOD_CONNECTIONS} connections`);
  await ensureDatabase(DATABASE_URL);
  const registry = await startRegistry();
  const services: RunningService[] = [];
  try {
    const limited = await startGateway(registry.url, {});
    services.push(limited);
    const a = randomUUID();
    const b = randomUUID();
    const keys = { a: [a, await issueKey(limited.url, a)] as [string, string], b: [b, await issueKey(limited.url, b)] as [string, string] };
    // Warm up connections, JIT and the plan cache.
    for (let i = 0; i < 20; i++) await Promise.all([get(limited.url, a, keys.a[1]), get(limited.url, b, keys.b[1])]);
    await sleep(3_000);

    const baseline = await runPhase('1. B alone (baseline)', limited.url, keys, 'none');
    const baselineP99 = percentile([...baseline.victim].sort((x, y) => x - y), 99);
    console.log(describe(baseline, NaN));
    console.log(describe(await runPhase(`2. A at 1.2× its limit (${(PLAN_RATE * 1.2).toFixed(1)} r/s)`, limited.url, keys, 'paced'), baselineP99));
    await sleep(3_000);
    console.log(describe(await runPhase(`3. A flooding (${FLOOD_CONNECTIONS} connections)`, limited.url, keys, 'flood'), baselineP99));
    await sleep(3_000);
    console.log(describe(await runPhase('4. B alone again', limited.url, keys, 'none'), baselineP99));
    await limited.process.kill('SIGTERM');
    services.pop();

    const unlimited = await startGateway(registry.url, { RATE_LIMIT_ENABLED: 'false' });
    services.push(unlimited);
    for (let i = 0; i < 20; i++) await Promise.all([get(unlimited.url, a, keys.a[1]), get(unlimited.url, b, keys.b[1])]);
    await sleep(2_000);
    const unlimitedBaseline = await runPhase('5a. no limits: B alone', unlimited.url, keys, 'none');
    const unlimitedP99 = percentile([...unlimitedBaseline.victim].sort((x, y) => x - y), 99);
    console.log(describe(unlimitedBaseline, NaN));
    console.log(describe(await runPhase(`5b. no limits: A flooding (${FLOOD_CONNECTIONS} connections)`, unlimited.url, keys, 'flood'), unlimitedP99));
  } finally {
    await Promise.all(services.map((service) => service.process.kill('SIGTERM')));
    registry.server.closeAllConnections();
    registry.server.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
