/**
 * `npm run bench:ingest`: what usage ingestion sustains on this machine, in one run.
 * 1. The ceiling: a bare kafkajs producer (batches of 1,000, acks=all, idempotent).
 * 2. End to end for BENCH_SECONDS (default 60): load generators post batches of 1,000 events to
 *    the gateway as fast as it answers; the rate is counted where the events become visible —
 *    committed in metering's aggregates in Postgres.
 * 3. Event → visible latency at half of that rate: one probe event per batch for a tenant of its
 *    own; a poller reads that tenant's aggregate every 10 ms.
 * Also the gateway's request latency, each process's CPU time during phase 2 and its peak memory.
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import { createLogger } from '@tenantry/observability';
import { createKafka } from '@tenantry/messaging';
import { createTopic, sleep, waitFor } from '@tenantry/testing';
import { IngestStack, startIngestStack } from '../ingest/ingest-stack';
import { batchBody, LoadEvent, UsageLoadClient } from '../ingest/usage-load';
import { brokerPid, cpuSeconds, postgresCpuSeconds } from './cpu';
import { percentile } from './percentile';
import { rawProducerThroughput } from './raw-producer';

const BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
const RAW_MESSAGES = Number(process.env['BENCH_RAW_MESSAGES'] ?? 200_000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 60);
const PACED_SECONDS = Number(process.env['BENCH_PACED_SECONDS'] ?? 30);
const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 4);
const BATCH = 1_000;
const PACED_BATCH = 200;
const RUN = randomBytes(3).toString('hex');

interface ProcessInfo {
  name: string;
  pid: number;
}

function peakMemoryMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

async function visibleEvents(stack: IngestStack, tenants: readonly string[]): Promise<number> {
  const [row] = await stack.query<{ n: string }>(`SELECT coalesce(sum(events), 0) AS n FROM metering.usage_aggregate WHERE granularity = 'month' AND source <> 'counted' AND group_key = '' AND tenant_id = ANY($1::uuid[])`, [tenants]);
  return Number(row?.n ?? 0);
}

function events(tenants: readonly string[], prefix: string, count: number, from: number): LoadEvent[] {
  const timestamp = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => ({ tenantId: tenants[(from + i) % tenants.length] as string, eventId: `${prefix}-${from + i}`, metric: 'api_calls', quantity: '1', timestamp }));
}

async function sustained(stack: IngestStack, client: UsageLoadClient, tenants: readonly string[], processes: ProcessInfo[]): Promise<{ rate: number; accepted: number; latencies: number[]; cpu: Map<string, number>; failures: number }> {
  const latencies: number[] = [];
  let accepted = 0;
  let failures = 0;
  let next = 0;
  const cpuBefore = new Map(processes.map((p) => [p.name, cpuSeconds(p.pid)]));
  const postgresBefore = postgresCpuSeconds();
  const started = Date.now();
  const stopAt = started + SECONDS * 1_000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < stopAt) {
        const batch = events(tenants, `s-${RUN}`, BATCH, next);
        next += BATCH;
        const answer = await client.post(batch, batchBody(batch));
        latencies.push(answer.latencyMs);
        if (answer.status === 202) accepted += answer.results?.filter((r) => r.status === 'accepted').length ?? 0;
        else failures++;
      }
    }),
  );
  const sent = Date.now();
  await waitFor(async () => (await visibleEvents(stack, tenants)) >= accepted, { timeoutMs: 600_000, intervalMs: 100, what: 'every accepted event to be visible' });
  const visibleAt = Date.now();
  const cpu = new Map(processes.map((p) => [p.name, cpuSeconds(p.pid) - (cpuBefore.get(p.name) ?? 0)]));
  cpu.set('postgres (all server processes)', postgresCpuSeconds() - postgresBefore);
  console.log(`  posting took ${((sent - started) / 1000).toFixed(1)} s; the last accepted event was visible ${visibleAt - sent} ms after the last answer`);
  return { rate: accepted / ((visibleAt - started) / 1_000), accepted, latencies, cpu, failures };
}

async function paced(stack: IngestStack, client: UsageLoadClient, tenants: readonly string[], probeTenant: string, rate: number): Promise<{ visible: number[]; latencies: number[] }> {
  const intervalMs = (PACED_BATCH / rate) * 1_000;
  const batches = Math.max(1, Math.floor((PACED_SECONDS * 1_000) / intervalMs));
  const sentAt: number[] = [];
  const visibleAt: number[] = [];
  const latencies: number[] = [];
  const [base] = await stack.query<{ n: string }>(`SELECT coalesce(sum(events), 0) AS n FROM metering.usage_aggregate WHERE granularity = 'month' AND source <> 'counted' AND group_key = '' AND tenant_id = $1`, [probeTenant]);
  const baseline = Number(base?.n ?? 0);
  let polling = true;
  const poller = (async () => {
    while (polling || visibleAt.length < sentAt.length) {
      const [row] = await stack.query<{ n: string }>(`SELECT coalesce(sum(events), 0) AS n FROM metering.usage_aggregate WHERE granularity = 'month' AND source <> 'counted' AND group_key = '' AND tenant_id = $1`, [probeTenant]);
      const seen = Number(row?.n ?? 0) - baseline;
      const now = performance.now();
      while (visibleAt.length < Math.min(seen, sentAt.length)) visibleAt.push(now);
      await sleep(10);
    }
  })();
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let k = 0; k < batches; k++) {
    const due = started + k * intervalMs;
    if (due > performance.now()) await sleep(due - performance.now());
    const batch = events(tenants, `p-${RUN}`, PACED_BATCH - 1, k * PACED_BATCH);
    batch.push({ tenantId: probeTenant, eventId: `probe-${RUN}-${k}`, metric: 'api_calls', quantity: '1', timestamp: new Date().toISOString() });
    const body = batchBody(batch);
    sentAt.push(performance.now());
    inFlight.push(
      client.post(batch, body).then((answer) => {
        latencies.push(answer.latencyMs);
        if (answer.status !== 202) throw new Error(`paced batch answered ${answer.status}: ${answer.error}`);
      }),
    );
  }
  await Promise.all(inFlight);
  polling = false;
  await Promise.race([poller, sleep(60_000)]);
  return { visible: visibleAt.map((at, k) => at - (sentAt[k] as number)), latencies };
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  const kafka = createKafka({ clientId: 'bench-ingest', brokers: BROKERS, logger: createLogger('bench', 'error') });
  const rawTopic = `bench.ingest.raw.${RUN}`;
  await createTopic(kafka, rawTopic, 12);
  const raw = await rawProducerThroughput(kafka, rawTopic, RAW_MESSAGES);
  console.log(`1. raw kafkajs producer (batches of 1,000, acks=all, idempotent, 12 partitions): ${Math.round(raw).toLocaleString('en')} msg/s over ${RAW_MESSAGES.toLocaleString('en')} messages`);
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [rawTopic] }).catch(() => undefined);
  await admin.disconnect();

  const stack = await startIngestStack({ label: 'bench_ingest', tenants: 51, newGroupsFrom: 'latest' });
  const client = new UsageLoadClient(stack.gatewayUrl, stack.adminKey, CLIENTS * 2);
  const [probeTenant, ...tenants] = stack.tenants as [string, ...string[]];
  const processes: ProcessInfo[] = [
    { name: 'gateway', pid: stack.gateway().process.child.pid as number },
    { name: 'metering', pid: stack.metering().process.child.pid as number },
    { name: 'bench (load generator)', pid: process.pid },
  ];
  const kafkaPid = brokerPid();
  if (kafkaPid) processes.push({ name: 'kafka broker', pid: kafkaPid });
  try {
    // Warm-up: JIT, connection pools, partitions of today.
    const warm = events(tenants, `w-${RUN}`, BATCH, 0);
    await client.post(warm, batchBody(warm));

    const s = await sustained(stack, client, tenants, processes);
    s.latencies.sort((a, b) => a - b);
    console.log(
      `2. end to end (gateway → metering → Kafka → aggregates in Postgres), ${CLIENTS} clients posting batches of ${BATCH} for ${SECONDS} s: ` +
        `${Math.round(s.rate).toLocaleString('en')} events/s visible (${s.accepted.toLocaleString('en')} accepted, ${s.failures} failed requests)`,
    );
    console.log(`   gateway request latency (batch of ${BATCH}) at saturation: p50 ${Math.round(percentile(s.latencies, 50))} ms, p99 ${Math.round(percentile(s.latencies, 99))} ms`);
    console.log(`   CPU seconds during phase 2: ${[...s.cpu].map(([name, sec]) => `${name} ${sec.toFixed(1)}`).join(', ')} (of ${(2 * (s.accepted / s.rate)).toFixed(0)} available on 2 cores)`);
    console.log(`ratio end-to-end / raw: ${(s.rate / raw).toFixed(3)}`);

    const half = Math.max(100, Math.round(s.rate / 2));
    const p = await paced(stack, client, tenants, probeTenant, half);
    p.visible.sort((a, b) => a - b);
    p.latencies.sort((a, b) => a - b);
    console.log(
      `3. at half that rate (${half.toLocaleString('en')} events/s, batches of ${PACED_BATCH}, ${PACED_SECONDS} s): event → visible p50 ${Math.round(percentile(p.visible, 50))} ms, p99 ${Math.round(percentile(p.visible, 99))} ms (${p.visible.length} probes); ` +
        `gateway p50 ${Math.round(percentile(p.latencies, 50))} ms, p99 ${Math.round(percentile(p.latencies, 99))} ms`,
    );
    console.log(`peak memory (VmHWM): ${processes.map((proc) => `${proc.name} ${peakMemoryMb(proc.pid)} MiB`).join(', ')}`);
  } finally {
    await client.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
