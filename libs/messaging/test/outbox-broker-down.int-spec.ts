// The outbox keeps every committed event while Kafka is down and delivers each once, in order per key, when it is back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPICS, TopicDefinition, UsageRecordedPayload } from '@tenantry/contracts';
import { createKafka, createProducer, ensureTopics, OutboxRelay, OutboxWriter, SerialProducer } from '@tenantry/messaging';
import { ServiceMetrics } from '@tenantry/observability';
import { broker, createTestSchema, readTopic, TestSchema, testLogger, waitFor } from '@tenantry/testing';

const PORT = 19092;
const BROKERS = `127.0.0.1:${PORT}`;
const TENANTS = Array.from({ length: 10 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
const EVENTS = 1_000;

jest.setTimeout(240_000);

describe(OutboxRelay.name, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tenantry-kafka-'));
  const metrics = new ServiceMetrics('outbox-test');
  let db: TestSchema;
  let sut: OutboxRelay;
  let producer: SerialProducer | undefined;

  beforeAll(async () => {
    await broker.startBroker({ dataDir, port: PORT, controllerPort: PORT + 1, heapMb: 512, quiet: true });
    await ensureTopics(createKafka({ clientId: 'setup', brokers: BROKERS }), Object.values(TOPICS) as TopicDefinition[]);
    db = await createTestSchema('outbox_down', ['CREATE TABLE usage_rows (id serial PRIMARY KEY, tenant_id uuid NOT NULL, seq int NOT NULL)']);
  });

  afterAll(async () => {
    await sut?.stop(0);
    await producer?.close();
    await broker.stopBroker({ dataDir, quiet: true });
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers 1,000 events committed while the broker was down, each once and in order per key', async () => {
    const kafka = createKafka({ clientId: 'outbox-test', brokers: BROKERS });
    producer = new SerialProducer(() => createProducer(kafka, { idempotent: true }));
    sut = new OutboxRelay({ dataSource: db.dataSource, schema: db.schema, producer, logger: testLogger(), metrics, pollMs: 200 });
    await sut.start();
    await broker.stopBroker({ dataDir, signal: 'SIGKILL', quiet: true });

    const writer = new OutboxWriter('outbox-test');
    for (let batch = 0; batch < EVENTS / 10; batch++) {
      await db.dataSource.transaction(async (tx) => {
        for (let i = 0; i < 10; i++) {
          const seq = batch * 10 + i;
          const tenantId = TENANTS[seq % TENANTS.length] as string;
          await tx.query('INSERT INTO usage_rows (tenant_id, seq) VALUES ($1, $2)', [tenantId, seq]);
          const payload: UsageRecordedPayload = { tenantId, eventId: `evt-${seq}`, metric: 'api_calls', quantity: String(seq), timestamp: new Date().toISOString(), source: 'api' };
          await writer.publish(tx, 'UsageRecorded', payload);
        }
      });
    }

    const [{ rows, pending }] = (await db.dataSource.query('SELECT (SELECT count(*) FROM usage_rows)::int AS rows, (SELECT count(*) FROM outbox)::int AS pending')) as [{ rows: number; pending: number }];
    expect({ rows, pending }).toEqual({ rows: EVENTS, pending: EVENTS });
    await waitFor(async () => (await metrics.outboxPublishFailures.get()).values.some((v) => v.value > 0), { what: 'the relay to notice the broker is down' });

    await broker.startBroker({ dataDir, port: PORT, controllerPort: PORT + 1, heapMb: 512, quiet: true });
    await waitFor(async () => Number((await db.dataSource.query('SELECT count(*)::int AS n FROM outbox'))[0].n) === 0, { timeoutMs: 120_000, what: 'the outbox to drain' });

    const messages = await readTopic(kafka, TOPICS.METERING_USAGE.name, (m) => m.length >= EVENTS, { settleMs: 1_000 });
    const ids = new Set(messages.map((m) => m.headers['ce_id']));
    expect(messages).toHaveLength(EVENTS);
    expect(ids.size).toBe(EVENTS);

    const seqByKey = new Map<string, number[]>();
    for (const message of messages) {
      const payload = JSON.parse(message.value ?? '{}') as UsageRecordedPayload;
      expect(message.key).toBe(payload.tenantId);
      seqByKey.set(payload.tenantId, [...(seqByKey.get(payload.tenantId) ?? []), Number(payload.quantity)]);
    }
    expect(seqByKey.size).toBe(TENANTS.length);
    for (const seqs of seqByKey.values()) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});
