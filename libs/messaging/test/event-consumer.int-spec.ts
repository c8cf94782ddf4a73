// Consumers against the real broker and database: exactly-once effects under redelivery, dead letters, retries.
import { Kafka } from 'kafkajs';
import { deadLetterTopic } from '@tenantry/contracts';
import { batchHandler, EventConsumer, EventConsumerOptions, NonRetryableError } from '@tenantry/messaging';
import { ServiceMetrics } from '@tenantry/observability';
import {
  applyUsage,
  caughtUp,
  createTestSchema,
  createTopic,
  eventMessage,
  ledgerState,
  LEDGER_DDL,
  newTopicName,
  produce,
  readTopic,
  tenantIds,
  TestSchema,
  testKafka,
  testLogger,
  uniqueName,
  usage,
  waitFor,
} from '@tenantry/testing';

jest.setTimeout(120_000);

const TENANTS = tenantIds(5);

describe(EventConsumer.name, () => {
  const kafka: Kafka = testKafka();
  let db: TestSchema;
  let topic: string;
  const running: EventConsumer[] = [];

  async function startConsumer(overrides: Partial<EventConsumerOptions> & Pick<EventConsumerOptions, 'groupId'>): Promise<EventConsumer> {
    const sut = new EventConsumer({ topics: [topic], kafka, dataSource: db.dataSource, logger: testLogger(), retryBaseMs: 20, ...overrides } as EventConsumerOptions);
    running.push(sut);
    await sut.start();
    await waitFor(() => sut.health().ready, { what: `${overrides.groupId} to join its group` });
    return sut;
  }

  beforeEach(async () => {
    db = await createTestSchema('consumer', LEDGER_DDL);
    topic = newTopicName('test.consumer');
    await createTopic(kafka, topic, 3);
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((consumer) => consumer.stop()));
    await db.drop();
  });

  const modes: [string, Partial<EventConsumerOptions>][] = [
    ['one transaction per event', { handlers: { UsageRecorded: (event, tx) => applyUsage(tx, [event]) } }],
    ['one transaction per batch', { batch: batchHandler(['UsageRecorded'], (events, tx) => applyUsage(tx, events)) }],
  ];

  it.each(modes)('applies every event once, and a replay from the earliest offset changes nothing (%s)', async (_mode, handler) => {
    const groupId = uniqueName('ledger');
    await produce(kafka, topic, Array.from({ length: 300 }, (_, i) => eventMessage('UsageRecorded', usage(TENANTS[i % 5] as string, i + 1))));

    const first = await startConsumer({ groupId, ...handler });
    await waitFor(async () => (await ledgerState(db.dataSource)).effects === 300 && (await caughtUp(kafka, groupId, topic)), { what: '300 effects' });
    const before = await ledgerState(db.dataSource);
    expect(before.distinctEvents).toBe(300);
    expect(Object.values(before.totals).reduce((sum, total) => sum + Number(total), 0)).toBe((300 * 301) / 2);
    await first.stop();

    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId, topic, earliest: true });
    await admin.disconnect();
    expect(await caughtUp(kafka, groupId, topic)).toBe(false);

    const metrics = new ServiceMetrics('replay');
    await startConsumer({ groupId, metrics, ...handler });
    await waitFor(() => caughtUp(kafka, groupId, topic), { what: 'the replay to be committed' });
    expect(await ledgerState(db.dataSource)).toEqual(before);
    const duplicates = (await metrics.eventsConsumed.get()).values.filter((v) => v.labels['outcome'] === 'duplicate').reduce((n, v) => n + v.value, 0);
    expect(duplicates).toBe(300);
  });

  it.each(modes)('sends invalid messages to the dead-letter topic with their error and goes on (%s)', async (_mode, handler) => {
    const groupId = uniqueName('poison');
    const bad = eventMessage('UsageRecorded', { ...usage(TENANTS[0] as string, 1), quantity: 'lots' });
    const notJson = { ...eventMessage('UsageRecorded', usage(TENANTS[0] as string, 2)), value: '{"tenantId": ' };
    const good = eventMessage('UsageRecorded', usage(TENANTS[0] as string, 3, '7'));
    await produce(kafka, topic, [bad, notJson, good]);

    await startConsumer({ groupId, ...handler });
    const dead = await readTopic(kafka, deadLetterTopic(groupId), (m) => m.length >= 2, { settleMs: 500 });
    await waitFor(async () => (await ledgerState(db.dataSource)).effects === 1, { what: 'the valid event' });

    expect(dead).toHaveLength(2);
    const byId = new Map(dead.map((m) => [m.headers['ce_id'], m]));
    const badLetter = byId.get(String(bad.headers?.['ce_id']));
    expect(badLetter?.headers['dlq_reason']).toBe('invalid');
    expect(badLetter?.headers['dlq_error']).toContain('quantity');
    expect(badLetter?.headers['ce_type']).toBe('UsageRecorded');
    expect(badLetter?.headers['dlq_original_topic']).toBe(topic);
    expect(badLetter?.value).toBe(bad.value);
    expect(byId.get(String(notJson.headers?.['ce_id']))?.headers['dlq_error']).toContain('JSON');
    expect((await ledgerState(db.dataSource)).totals).toEqual({ [TENANTS[0] as string]: '7' });
  });

  it('retries a failing handler with backoff and applies the event once it succeeds', async () => {
    const groupId = uniqueName('flaky');
    let calls = 0;
    await produce(kafka, topic, [eventMessage('UsageRecorded', usage(TENANTS[1] as string, 1, '5'))]);
    await startConsumer({
      groupId,
      handlers: {
        UsageRecorded: async (event, tx) => {
          calls += 1;
          await applyUsage(tx, [event]);
          if (calls < 3) throw new Error('downstream hiccup');
        },
      },
    });
    await waitFor(() => caughtUp(kafka, groupId, topic), { what: 'the event to be committed' });
    expect(calls).toBe(3);
    // The two failed attempts rolled back with their transactions.
    expect(await ledgerState(db.dataSource)).toEqual({ effects: 1, distinctEvents: 1, totals: { [TENANTS[1] as string]: '5' } });
  });

  it('dead-letters an event whose handler keeps failing, or refuses it, and processes the next one', async () => {
    const groupId = uniqueName('failing');
    const doomed = eventMessage('UsageRecorded', usage(TENANTS[2] as string, 1, '1'));
    const refused = eventMessage('UsageRecorded', usage(TENANTS[2] as string, 2, '2'));
    const fine = eventMessage('UsageRecorded', usage(TENANTS[2] as string, 3, '3'));
    await produce(kafka, topic, [doomed, refused, fine]);
    let doomedCalls = 0;
    await startConsumer({
      groupId,
      maxAttempts: 3,
      handlers: {
        UsageRecorded: async (event, tx) => {
          if (event.payload.quantity === '1') {
            doomedCalls += 1;
            throw new Error('always broken');
          }
          if (event.payload.quantity === '2') throw new NonRetryableError('tenant unknown');
          await applyUsage(tx, [event]);
        },
      },
    });
    const dead = await readTopic(kafka, deadLetterTopic(groupId), (m) => m.length >= 2);
    await waitFor(() => caughtUp(kafka, groupId, topic), { what: 'the consumer to move past the failures' });

    expect(doomedCalls).toBe(3);
    expect(dead.map((m) => [m.headers['dlq_reason'], m.headers['dlq_error'], m.headers['dlq_attempts']])).toEqual([
      ['failed', 'always broken', '3'],
      ['rejected', 'tenant unknown', '1'],
    ]);
    expect((await ledgerState(db.dataSource)).totals).toEqual({ [TENANTS[2] as string]: '3' });
  });
});
