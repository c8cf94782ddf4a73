// Consumers against the real broker and database: exactly-once effects under redelivery, dead letters, retries.
import { Kafka } from 'kafkajs';
import { EntityManager } from 'typeorm';
import { deadLetterTopic } from '@tenantry/contracts';
import { batchHandler, EventConsumer, EventConsumerOptions, InboundEvent, NonRetryableError } from '@tenantry/messaging';
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

/** Passes an event through, or throws as a handler would for it. */
type Judge = (event: InboundEvent<'UsageRecorded'>) => InboundEvent<'UsageRecorded'>;

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

  // A batch consumer whose batch fails isolates the culprit by applying the batch's events one at a
  // time, through its batch handler: the good events keep their effect and only the bad ones are
  // dead-lettered. (Marking them processed without applying them would lose every event of a batch
  // that a database restart failed.)
  it.each([
    ['one transaction per event', (judge: Judge) => ({ handlers: { UsageRecorded: async (event: InboundEvent<'UsageRecorded'>, tx: EntityManager) => applyUsage(tx, [judge(event)]) } })],
    ['one transaction per batch', (judge: Judge) => ({ batch: batchHandler(['UsageRecorded'], async (events, tx) => applyUsage(tx, events.map(judge))) })],
  ] as [string, (judge: Judge) => Partial<EventConsumerOptions>][])(
    'dead-letters an event whose handler keeps failing, or refuses it, and applies the others (%s)',
    async (_mode, consumerWith) => {
      const groupId = uniqueName('failing');
      const doomed = eventMessage('UsageRecorded', usage(TENANTS[2] as string, 1, '1'));
      const refused = eventMessage('UsageRecorded', usage(TENANTS[2] as string, 2, '2'));
      const fine = [3, 4, 5].map((seq) => eventMessage('UsageRecorded', usage(TENANTS[2] as string, seq, '3')));
      // One partition, so a batch consumer gets them in one batch.
      await produce(kafka, topic, [fine[0], doomed, fine[1], refused, fine[2]].map((message) => ({ ...message, partition: 0 }) as typeof doomed));
      const judge: Judge = (event) => {
        if (event.payload.quantity === '1') throw new Error('always broken');
        if (event.payload.quantity === '2') throw new NonRetryableError('tenant unknown');
        return event;
      };
      await startConsumer({ groupId, maxAttempts: 3, ...consumerWith(judge) });
      const dead = await readTopic(kafka, deadLetterTopic(groupId), (m) => m.length >= 2);
      await waitFor(() => caughtUp(kafka, groupId, topic), { what: 'the consumer to move past the failures' });

      expect(dead.map((m) => [m.headers['dlq_reason'], m.headers['dlq_error'], m.headers['dlq_attempts']])).toEqual([
        ['failed', 'always broken', '3'],
        ['rejected', 'tenant unknown', '1'],
      ]);
      expect(await ledgerState(db.dataSource)).toEqual({ effects: 3, distinctEvents: 3, totals: { [TENANTS[2] as string]: '9' } });
    },
  );
});
