/**
 * The ingestion fault run: a client posts events with unique ids through the gateway and records
 * what was acknowledged, while the broker is SIGKILLed and restarted, metering is SIGKILLed
 * mid-batch and restarted, and PostgreSQL is restarted. After things settle, every acknowledged
 * event must be stored once and counted once, and the aggregates must equal a recount from the
 * stored events. Run by `npm run fault:ingest` (100,000 events by default) and, at 5,000 events,
 * by the end-to-end suite.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '@tenantry/contracts';
import { backoffMs } from '@tenantry/messaging';
import { broker, KAFKA_BROKERS, restartPostgres, RunningService, sleep, testKafka, waitFor } from '@tenantry/testing';
import { startIngestStack } from '../ingest/ingest-stack';
import { batchBody, LoadEvent, UsageLoadClient } from '../ingest/usage-load';
import { diagnoseLoss, partitionEnds } from './loss-diagnosis';

export interface FaultRunOptions {
  events: number;
  tenants?: number;
  batchSize?: number;
  /** Events per second the client offers; the faults are spread over the sending time. */
  ratePerSecond?: number;
  /** How long one batch is retried (same event ids) before its events count as indeterminate. */
  retryWindowMs?: number;
  log?: (line: string) => void;
}

export interface FaultRunResult {
  events: number;
  acknowledged: number;
  rejected: number;
  indeterminate: number;
  /** Indeterminate events that turned out stored (counted) after all. */
  indeterminateStored: number;
  lost: number;
  doubleCounted: number;
  /** Stored events the client never had acknowledged nor left indeterminate (rejected ones that were stored). */
  unexpected: number;
  /** Aggregate windows whose value or event count differs from a recount of the stored events. */
  aggregateMismatches: number;
  attempts: number;
  faults: string[];
  seconds: number;
}

export async function runIngestFaultRun(options: FaultRunOptions): Promise<FaultRunResult> {
  const log = options.log ?? (() => undefined);
  const batchSize = options.batchSize ?? 50;
  const rate = options.ratePerSecond ?? Math.max(100, Math.ceil(options.events / 45));
  const retryWindowMs = options.retryWindowMs ?? 240_000;
  const run = randomBytes(3).toString('hex');
  const started = Date.now();

  const stack = await startIngestStack({
    label: 'fault',
    newGroupsFrom: 'earliest',
    tenants: options.tenants ?? 10,
    meteringEnv: { PUBLISH_TIMEOUT_MS: '5000' },
    gatewayEnv: { UPSTREAM_TIMEOUT_MS: '15000' },
  });
  const client = new UsageLoadClient(stack.gatewayUrl, stack.adminKey, 8);
  const outcome = new Map<string, 'acknowledged' | 'rejected' | 'indeterminate'>();
  /** How each event's batch ended: answer time since the start of sending, attempts, and the event's own status. */
  const trail = new Map<string, string>();
  const faults: string[] = [];
  let attempts = 0;
  const usageTopic = TOPICS.METERING_USAGE.name;
  const meterings: RunningService[] = [stack.metering()];
  try {
    // Where the usage topic ended before the run: a loss report reads only what the run added.
    const since = await partitionEnds(testKafka(), usageTopic);
    const batches: LoadEvent[][] = [];
    for (let i = 0; i < options.events; i += batchSize) {
      batches.push(
        Array.from({ length: Math.min(batchSize, options.events - i) }, (_, k) => ({
          tenantId: stack.tenants[(i + k) % stack.tenants.length] as string,
          eventId: `fault-${run}-${i + k}`,
          metric: 'api_calls',
          quantity: String(((i + k) % 7) + 1),
          timestamp: '',
        })),
      );
    }
    let nextBatch = 0;
    let answered = 0;
    const sendStart = Date.now();
    const intervalMs = (batchSize / rate) * 1_000;
    const elapsed = (): string => `${((Date.now() - sendStart) / 1_000).toFixed(1)} s`;

    const sendBatch = async (events: LoadEvent[]): Promise<void> => {
      const at = new Date().toISOString();
      for (const event of events) event.timestamp = at;
      const body = batchBody(events);
      const deadline = Date.now() + retryWindowMs;
      const statuses: number[] = [];
      for (;;) {
        attempts++;
        const answer = await client.post(events, body);
        statuses.push(answer.status);
        if (answer.status === 202 && answer.results) {
          for (const result of answer.results) {
            const event = events[result.index] as LoadEvent;
            outcome.set(event.eventId, result.status === 'rejected' ? 'rejected' : 'acknowledged');
            trail.set(event.eventId, `${result.status} at ${elapsed()} after ${statuses.join(',')}`);
          }
          return;
        }
        if (answer.status >= 400 && answer.status < 500 && answer.status !== 429 && answer.status !== 408) {
          log(`batch refused for good: ${answer.status} ${answer.error}`);
          for (const event of events) outcome.set(event.eventId, 'rejected');
          return;
        }
        if (Date.now() > deadline) {
          for (const event of events) outcome.set(event.eventId, 'indeterminate');
          return;
        }
        await sleep(backoffMs(statuses.length, { baseMs: 200, maxMs: 2_000 }));
      }
    };

    const sender = Promise.all(
      Array.from({ length: 8 }, async () => {
        for (;;) {
          const index = nextBatch++;
          const batch = batches[index];
          if (!batch) return;
          const due = sendStart + index * intervalMs;
          if (due > Date.now()) await sleep(due - Date.now());
          await sendBatch(batch);
          answered++;
        }
      }),
    );

    const progress = (): number => answered / batches.length;
    const ticker = setInterval(() => log(`${elapsed()}: ${answered}/${batches.length} batches answered, ${attempts} requests`), 5_000);
    const injector = (async () => {
      const timed = async (what: string, action: () => Promise<void>): Promise<void> => {
        const at = Date.now();
        const answeredBefore = progress();
        log(`${elapsed()}: ${what}…`);
        await action();
        const line = `${what} with ${(answeredBefore * 100).toFixed(0)} % of the batches answered, back after ${Date.now() - at} ms`;
        faults.push(line);
        log(line);
      };
      await waitFor(() => progress() >= 0.15, { timeoutMs: 600_000, what: '15 % answered' });
      await timed('broker SIGKILL + restart', async () => {
        await broker.stopBroker({ signal: 'SIGKILL', quiet: true });
        await sleep(1_000);
        await broker.startBroker({ port: Number(KAFKA_BROKERS.split(':')[1] ?? 9092), quiet: true });
      });
      await waitFor(() => progress() >= 0.45, { timeoutMs: 600_000, what: '45 % answered' });
      await timed('metering SIGKILL + restart', async () => {
        await stack.crashMetering(500);
        meterings.push(stack.metering());
      });
      await waitFor(() => progress() >= 0.75, { timeoutMs: 600_000, what: '75 % answered' });
      await timed('PostgreSQL restart', () => restartPostgres());
    })();

    await Promise.all([sender, injector]).finally(() => clearInterval(ticker));
    log(`all ${batches.length} batches answered after ${attempts} attempts; settling…`);

    // Settled: every acknowledged event is stored, or nothing more has been stored for 30 s (then
    // whatever is missing is lost and reported as such). The stack's consumer groups start at the
    // end of shared topics, so committed offsets cannot tell "caught up" on partitions it never read.
    const acknowledgedIds = [...outcome].filter(([, state]) => state === 'acknowledged').map(([id]) => id);
    let lastCount = -1;
    let stableFor = 0;
    await waitFor(
      async () => {
        const [row] = await stack.query<{ n: string }>('SELECT count(*) AS n FROM metering.usage_event WHERE tenant_id = ANY($1::uuid[]) AND event_id = ANY($2::text[])', [stack.tenants, acknowledgedIds]);
        const count = Number(row?.n);
        stableFor = count === lastCount ? stableFor + 1 : 0;
        lastCount = count;
        return count >= acknowledgedIds.length || stableFor >= 30;
      },
      { timeoutMs: 600_000, intervalMs: 1_000, what: 'metering to settle' },
    );

    const stored = new Map<string, number>();
    for (const row of await stack.query<{ event_id: string; n: string }>(
      'SELECT event_id, count(*) AS n FROM metering.usage_event WHERE tenant_id = ANY($1::uuid[]) GROUP BY event_id',
      [stack.tenants],
    )) {
      stored.set(row.event_id, Number(row.n));
    }
    let acknowledged = 0;
    let rejected = 0;
    let indeterminate = 0;
    let indeterminateStored = 0;
    let lost = 0;
    let doubleCounted = 0;
    let unexpected = 0;
    const missing = new Set<string>();
    for (const batch of batches) {
      for (const event of batch) {
        const state = outcome.get(event.eventId) ?? 'indeterminate';
        const copies = stored.get(event.eventId) ?? 0;
        if (copies > 1) doubleCounted += copies - 1;
        if (state === 'acknowledged') {
          acknowledged++;
          if (copies === 0) {
            lost++;
            missing.add(event.eventId);
            if (lost <= 10) log(`lost ${event.eventId} (tenant ${event.tenantId}): ${trail.get(event.eventId) ?? ''}`);
          }
        } else if (state === 'rejected') {
          rejected++;
          if (copies > 0) unexpected++;
        } else {
          indeterminate++;
          if (copies > 0) indeterminateStored++;
        }
      }
    }
    if (missing.size > 0) {
      const groupId = `${stack.groupPrefix}metering.aggregates`;
      const inboxHolds = async (ceIds: string[]): Promise<number> => {
        const [row] = await stack.query<{ n: string }>('SELECT count(*) AS n FROM metering.inbox WHERE consumer_group = $1 AND event_id = ANY($2::text[])', [groupId, ceIds]);
        return Number(row?.n);
      };
      for (const line of await diagnoseLoss({ kafka: testKafka(), topic: usageTopic, since, missing, groupId, inboxHolds })) log(line);
      meterings.forEach((service, index) => {
        if (process.env['FAULT_DUMP_DIR']) writeFileSync(join(process.env['FAULT_DUMP_DIR'], `metering-${run}-${index + 1}.log`), service.process.output());
        const problems = service.process.output().split('\n').filter((line) => /"level":"(warn|error|fatal)"/.test(line));
        log(`metering #${index + 1}: ${problems.length} warning/error line(s)${problems.length ? ':' : ''}`);
        for (const line of problems.slice(0, 40)) log(`  ${line.slice(0, 600)}`);
      });
    }
    // The aggregates against a recount of the stored events, every granularity.
    const [mismatch] = await stack.query<{ windows: string; extra: string }>(
      `WITH recount AS (
         SELECT tenant_id, metric, g AS granularity,
                date_trunc(g, occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS window_start,
                sum(quantity) AS value, count(*) AS events
           FROM metering.usage_event, unnest(ARRAY['hour', 'day', 'month']) AS g
          WHERE tenant_id = ANY($1::uuid[])
          GROUP BY 1, 2, 3, 4)
       SELECT count(*) FILTER (WHERE a.value IS DISTINCT FROM r.value OR a.events IS DISTINCT FROM r.events) AS windows,
              coalesce(sum(greatest(coalesce(a.events, 0) - coalesce(r.events, 0), 0)) FILTER (WHERE coalesce(a.granularity, r.granularity) = 'hour'), 0) AS extra
         FROM (SELECT tenant_id, metric, granularity, window_start, sum(value) AS value, sum(events) AS events
                 FROM metering.usage_aggregate WHERE tenant_id = ANY($1::uuid[]) AND source <> 'counted' AND group_key = ''
                GROUP BY 1, 2, 3, 4) a
         FULL JOIN recount r USING (tenant_id, metric, granularity, window_start)`,
      [stack.tenants],
    );
    doubleCounted += Number(mismatch?.extra ?? 0);
    return {
      events: options.events,
      acknowledged,
      rejected,
      indeterminate,
      indeterminateStored,
      lost,
      doubleCounted,
      unexpected,
      aggregateMismatches: Number(mismatch?.windows ?? 0),
      attempts,
      faults,
      seconds: Math.round((Date.now() - started) / 1_000),
    };
  } finally {
    await client.close().catch(() => undefined);
    await stack.stop().catch((error: unknown) => log(`stopping the stack: ${String(error)}`));
  }
}

export function faultRunPassed(result: FaultRunResult): boolean {
  return result.lost === 0 && result.doubleCounted === 0 && result.unexpected === 0 && result.aggregateMismatches === 0 && result.acknowledged > 0;
}
