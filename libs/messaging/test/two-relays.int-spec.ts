// Two relays draining one outbox at once: every event reaches the topic exactly once, in order per key.
import { TOPICS, UsageRecordedPayload } from '@tenantry/contracts';
import { createProducer, OutboundEvent, OutboxRelay, OutboxWriter, SerialProducer } from '@tenantry/messaging';
import { ServiceMetrics } from '@tenantry/observability';
import { createTestSchema, createTopic, newTopicName, readTopic, tenantIds, TestSchema, testKafka, testLogger, usage, waitFor } from '@tenantry/testing';

jest.setTimeout(120_000);

const EVENTS = 2_000;
const TENANTS = tenantIds(20);

describe(OutboxRelay.name, () => {
  const kafka = testKafka();
  let db: TestSchema;
  const relays: OutboxRelay[] = [];
  const producers: SerialProducer[] = [];

  beforeAll(async () => {
    db = await createTestSchema('two_relays');
  });

  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop(0)));
    await Promise.all(producers.map((producer) => producer.close()));
    await db.drop();
  });

  it('publishes every event exactly once when two relays drain the same outbox', async () => {
    const topic = newTopicName('test.relays');
    await createTopic(kafka, topic, 6);
    const writer = new OutboxWriter('two-relays-test', { route: () => topic });
    for (let start = 0; start < EVENTS; start += 100) {
      await db.dataSource.transaction((tx) =>
        writer.publishMany(
          tx,
          Array.from({ length: 100 }, (_, i): OutboundEvent => ({ type: 'UsageRecorded', payload: usage(TENANTS[(start + i) % TENANTS.length] as string, start + i) })),
        ),
      );
    }

    const metrics = [new ServiceMetrics('relay-a'), new ServiceMetrics('relay-b')];
    for (const m of metrics) {
      const producer = new SerialProducer(() => createProducer(kafka, { idempotent: true }));
      producers.push(producer);
      relays.push(new OutboxRelay({ dataSource: db.dataSource, schema: db.schema, producer, logger: testLogger(), metrics: m, batchSize: 50, pollMs: 20 }));
    }
    await Promise.all(relays.map((relay) => relay.start()));
    await waitFor(async () => Number((await db.dataSource.query('SELECT count(*)::int AS n FROM outbox'))[0].n) === 0, { what: 'the outbox to drain' });

    const messages = await readTopic(kafka, topic, (m) => m.length >= EVENTS, { settleMs: 1_500 });
    const perId = new Map<string, number>();
    for (const message of messages) perId.set(message.headers['ce_id'] as string, (perId.get(message.headers['ce_id'] as string) ?? 0) + 1);
    expect(messages).toHaveLength(EVENTS);
    expect(perId.size).toBe(EVENTS);
    expect([...perId.values()].every((count) => count === 1)).toBe(true);

    // Both relays took part (each held some shards), and neither reordered a key.
    const published = await Promise.all(metrics.map(async (m) => (await m.outboxPublished.get()).values.reduce((n, v) => n + v.value, 0)));
    expect(published.reduce((a, b) => a + b, 0)).toBe(EVENTS);
    const seqByKey = new Map<string, number[]>();
    for (const message of messages) {
      const payload = JSON.parse(message.value ?? '{}') as UsageRecordedPayload;
      seqByKey.set(payload.tenantId, [...(seqByKey.get(payload.tenantId) ?? []), Number(payload.quantity)]);
    }
    for (const seqs of seqByKey.values()) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(TOPICS.METERING_USAGE.name).not.toBe(topic);
  });
});
