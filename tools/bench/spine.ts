/**
 * `npm run bench:spine`: what the event spine costs on this machine. Raw kafkajs producer
 * throughput (batched, acks=all, idempotent) against outbox → relay → Kafka → consumer inbox
 * throughput, and end-to-end latency (outbox commit → effect committed) at saturation and at a
 * paced rate. One run, real broker, real Postgres; figures are printed as measured.
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { Kafka } from 'kafkajs';
import { batchHandler, createKafka, createMessagingTables, createProducer, EventConsumer, OutboundEvent, OutboxRelay, OutboxWriter, SerialProducer } from '@tenantry/messaging';
import { createLogger } from '@tenantry/observability';
import { createDataSource, ensureDatabase, entityManagerOf, quoteIdent } from '@tenantry/persistence';
import { tenantIds, usage } from '@tenantry/testing';
import { percentile } from './percentile';
import { rawProducerThroughput } from './raw-producer';

const BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/tenantry';
const RAW_MESSAGES = Number(process.env['BENCH_RAW_MESSAGES'] ?? 100_000);
const E2E_EVENTS = Number(process.env['BENCH_E2E_EVENTS'] ?? 50_000);
const PACED_RATE = Number(process.env['BENCH_PACED_RATE'] ?? 1_000);
const PACED_SECONDS = Number(process.env['BENCH_PACED_SECONDS'] ?? 15);
const TENANTS = tenantIds(50);
const logger = createLogger('bench', 'error');


async function createTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6, replicationFactor: 1 }] });
  await admin.disconnect();
}

async function deleteTopics(kafka: Kafka, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
}


interface Spine {
  write(events: number, perTransaction: number): Promise<void>;
  applied(): number;
  latencies: number[];
  stop(): Promise<void>;
}

async function startSpine(kafka: Kafka, topic: string): Promise<Spine> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(DATABASE_URL);
  const dataSource = createDataSource({ url: DATABASE_URL, schema, applicationName: 'bench-spine', poolSize: 8 });
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  const runner = dataSource.createQueryRunner();
  await createMessagingTables(runner);
  await runner.query('CREATE TABLE totals (tenant_id uuid PRIMARY KEY, total numeric NOT NULL)');
  await runner.release();

  const writer = new OutboxWriter('bench', { route: () => topic });
  const producer = new SerialProducer(() => createProducer(kafka, { idempotent: true }));
  const relay = new OutboxRelay({ dataSource, schema, producer, logger, batchSize: 1_000, pollMs: 50 });
  let applied = 0;
  const latencies: number[] = [];
  const consumer = new EventConsumer({
    groupId: `bench-${schema}`,
    topics: [topic],
    kafka,
    dataSource,
    logger,
    partitionsConsumedConcurrently: 3,
    batch: batchHandler(['UsageRecorded'], async (events, tx) => {
        await entityManagerOf(tx).query(
          `INSERT INTO totals (tenant_id, total) SELECT tenant_id, sum(q) FROM unnest($1::uuid[], $2::numeric[]) AS u(tenant_id, q) GROUP BY tenant_id
           ON CONFLICT (tenant_id) DO UPDATE SET total = totals.total + excluded.total`,
          [events.map((e) => e.payload.tenantId), events.map((e) => e.payload.quantity)],
        );
        // Measured as the handler finishes, just before its transaction commits.
        const now = Date.now();
        for (const event of events) latencies.push(now - Date.parse(event.meta.time));
        applied += events.length;
    }),
  });
  await relay.start();
  await consumer.start();
  while (!consumer.health().ready) await new Promise((r) => setTimeout(r, 100));

  let seq = 0;
  return {
    latencies,
    applied: () => applied,
    async write(events, perTransaction) {
      for (let done = 0; done < events; done += perTransaction) {
        const chunk = Math.min(perTransaction, events - done);
        await dataSource.transaction((tx) =>
          writer.publishMany(tx, Array.from({ length: chunk }, (): OutboundEvent => ({ type: 'UsageRecorded', payload: usage(TENANTS[seq % TENANTS.length] as string, seq++, '1') }))),
        );
      }
    },
    async stop() {
      await consumer.stop();
      await relay.stop(0);
      await producer.close();
      await dataSource.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
      await dataSource.destroy();
    },
  };
}

async function waitApplied(spine: Spine, target: number, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (spine.applied() < target) {
    if (Date.now() > deadline) throw new Error(`only ${spine.applied()} of ${target} events applied`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main(): Promise<void> {
  const kafka = createKafka({ clientId: 'bench-spine', brokers: BROKERS, logger });
  const rawTopic = `bench.raw.${randomBytes(3).toString('hex')}`;
  const spineTopic = `bench.spine.${randomBytes(3).toString('hex')}`;
  await createTopic(kafka, rawTopic);
  await createTopic(kafka, spineTopic);
  try {
    console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
    const raw = await rawProducerThroughput(kafka, rawTopic, RAW_MESSAGES);
    console.log(`raw kafkajs producer (batches of 1,000, acks=all, idempotent): ${Math.round(raw).toLocaleString('en')} msg/s over ${RAW_MESSAGES.toLocaleString('en')} messages`);

    const spine = await startSpine(kafka, spineTopic);
    const started = Date.now();
    await spine.write(E2E_EVENTS, 500);
    const written = Date.now();
    await waitApplied(spine, E2E_EVENTS);
    const seconds = (Date.now() - started) / 1000;
    const e2e = E2E_EVENTS / seconds;
    const saturated = [...spine.latencies].sort((a, b) => a - b);
    console.log(
      `outbox → Kafka → inbox (transactions of 500, relay batches of 1,000, batch consumer): ${Math.round(e2e).toLocaleString('en')} events/s over ${E2E_EVENTS.toLocaleString('en')} events ` +
        `(writes took ${((written - started) / 1000).toFixed(1)} s, all applied after ${seconds.toFixed(1)} s)`,
    );
    console.log(`  latency at saturation: p50 ${percentile(saturated, 50)} ms, p99 ${percentile(saturated, 99)} ms`);
    console.log(`ratio end-to-end / raw: ${(e2e / raw).toFixed(3)}`);

    spine.latencies.length = 0;
    const base = spine.applied();
    const total = PACED_RATE * PACED_SECONDS;
    const perTick = Math.max(1, Math.round(PACED_RATE / 100));
    const pacedStart = Date.now();
    for (let tick = 0; tick * perTick < total; tick++) {
      await spine.write(perTick, perTick);
      const due = pacedStart + (tick + 1) * 10;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    }
    await waitApplied(spine, base + total);
    const paced = [...spine.latencies].sort((a, b) => a - b);
    console.log(`  latency at ${PACED_RATE.toLocaleString('en')} events/s for ${PACED_SECONDS} s (transactions of ${perTick}): p50 ${percentile(paced, 50)} ms, p99 ${percentile(paced, 99)} ms`);
    await spine.stop();
  } finally {
    await deleteTopics(kafka, [rawTopic, spineTopic]);
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  });
