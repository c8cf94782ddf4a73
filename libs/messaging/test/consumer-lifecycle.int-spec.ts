// A consumer's life beyond the happy path: a stalled handler shows in readiness and metrics, and stop() finishes the work in flight.
import { EventConsumer, EventConsumerOptions } from '@tenantry/messaging';
import { ServiceMetrics } from '@tenantry/observability';
import { applyUsage, caughtUp, createTestSchema, createTopic, eventMessage, ledgerState, LEDGER_DDL, newTopicName, produce, sleep, tenantIds, TestSchema, testKafka, testLogger, uniqueName, usage, waitFor } from '@tenantry/testing';

jest.setTimeout(120_000);

const [TENANT] = tenantIds(1) as [string];

describe(`${EventConsumer.name} lifecycle`, () => {
  const kafka = testKafka();
  let db: TestSchema;
  let topic: string;
  const running: EventConsumer[] = [];

  function consumer(options: Partial<EventConsumerOptions> & Pick<EventConsumerOptions, 'groupId'>): EventConsumer {
    const sut = new EventConsumer({ topics: [topic], kafka, dataSource: db.dataSource, logger: testLogger(), ...options } as EventConsumerOptions);
    running.push(sut);
    return sut;
  }

  beforeEach(async () => {
    db = await createTestSchema('lifecycle', LEDGER_DDL);
    topic = newTopicName('test.lifecycle');
    await createTopic(kafka, topic, 1);
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
    await db.drop();
  });

  it('reports a handler that hangs as stalled and not ready, in health and in metrics, and recovers', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const metrics = new ServiceMetrics('stall');
    const sut = consumer({
      groupId: uniqueName('stall'),
      stallMs: 1_500,
      metrics,
      handlers: {
        UsageRecorded: async (event, tx) => {
          await gate;
          await applyUsage(tx, [event]);
        },
      },
    });
    await sut.start();
    await waitFor(() => sut.health().ready, { what: 'the consumer to join' });
    await produce(kafka, topic, [eventMessage('UsageRecorded', usage(TENANT, 1))]);

    const stalled = await waitFor(() => (sut.health().stalled ? sut.health() : undefined), { timeoutMs: 20_000, what: 'the stall to show' });
    expect(stalled).toMatchObject({ state: 'running', stalled: true, ready: false });
    await waitFor(async () => (await metrics.consumerUp.get()).values[0]?.value === 0, { timeoutMs: 10_000, what: 'tenantry_consumer_up to drop to 0' });

    release();
    await waitFor(async () => (await ledgerState(db.dataSource)).effects === 1 && sut.health().ready, { what: 'the consumer to recover' });
  });

  it('stop() lets the event in flight finish and commit its offset, so a restart resumes without loss or double effect', async () => {
    const groupId = uniqueName('graceful');
    await produce(kafka, topic, Array.from({ length: 40 }, (_, i) => eventMessage('UsageRecorded', usage(TENANT, i + 1, '1'))));
    let inFlight = false;
    let handled = 0;
    const slow: EventConsumerOptions['handlers'] = {
      UsageRecorded: async (event, tx) => {
        inFlight = true;
        await applyUsage(tx, [event]);
        await sleep(100);
        handled += 1;
        inFlight = false;
      },
    };
    const first = consumer({ groupId, handlers: slow });
    await first.start();
    await waitFor(() => handled >= 5 && inFlight, { what: 'a few events handled and one in flight' });
    await first.stop();

    const afterStop = await ledgerState(db.dataSource);
    expect(inFlight).toBe(false);
    expect(afterStop.effects).toBe(handled);
    expect(afterStop.effects).toBeLessThan(40);

    const second = consumer({ groupId, handlers: { UsageRecorded: (event, tx) => applyUsage(tx, [event]) } });
    await second.start();
    await waitFor(() => caughtUp(kafka, groupId, topic), { what: 'the rest to be consumed' });
    expect(await ledgerState(db.dataSource)).toMatchObject({ effects: 40, distinctEvents: 40, totals: { [TENANT]: '40' } });
  });

  it('a new group told to start at the end skips the backlog, and a restart before its first commit skips nothing produced after the first start', async () => {
    const groupId = uniqueName('latest');
    await produce(kafka, topic, Array.from({ length: 5 }, (_, i) => eventMessage('UsageRecorded', usage(TENANT, i + 1, '1'))));
    const handlers: EventConsumerOptions['handlers'] = { UsageRecorded: (event, tx) => applyUsage(tx, [event]) };

    const first = consumer({ groupId, fromBeginning: false, handlers });
    await first.start();
    await waitFor(() => first.health().ready, { what: 'the consumer to join' });
    await first.stop();
    // Produced while no member runs and before the group ever committed an offset of its own.
    await produce(kafka, topic, Array.from({ length: 3 }, (_, i) => eventMessage('UsageRecorded', usage(TENANT, 100 + i, '2'))));

    const second = consumer({ groupId, fromBeginning: false, handlers });
    await second.start();
    await waitFor(async () => (await ledgerState(db.dataSource)).effects === 3, { what: 'the three later events' });
    await waitFor(() => caughtUp(kafka, groupId, topic), { what: 'the group to commit' });
    expect(await ledgerState(db.dataSource)).toMatchObject({ effects: 3, distinctEvents: 3, totals: { [TENANT]: '6' } });
  });
});
