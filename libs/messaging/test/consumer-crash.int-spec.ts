// A consumer process killed with SIGKILL in the middle of a batch loses nothing and applies nothing twice.
import { caughtUp, createTestSchema, createTopic, databaseUrl, eventMessage, KAFKA_BROKERS, ledgerState, LEDGER_DDL, newTopicName, produce, spawnProcess, SpawnedProcess, tenantIds, TestSchema, testKafka, uniqueName, usage, waitFor } from '@tenantry/testing';

jest.setTimeout(180_000);

const EVENTS = 3_000;
const TENANTS = tenantIds(8);

describe('EventConsumer after SIGKILL', () => {
  const kafka = testKafka();
  let db: TestSchema;
  let consumer: SpawnedProcess | undefined;

  beforeAll(async () => {
    db = await createTestSchema('crash', LEDGER_DDL);
  });

  afterAll(async () => {
    await consumer?.kill('SIGKILL');
    await db.drop();
  });

  it('resumes after a kill mid-batch with every event applied exactly once', async () => {
    const topic = newTopicName('test.crash');
    const groupId = uniqueName('crash');
    await createTopic(kafka, topic, 3);
    await produce(kafka, topic, Array.from({ length: EVENTS }, (_, i) => eventMessage('UsageRecorded', usage(TENANTS[i % TENANTS.length] as string, i + 1))));
    const env = { DATABASE_URL: databaseUrl(), KAFKA_BROKERS, LEDGER_SCHEMA: db.schema, LEDGER_TOPIC: topic, LEDGER_GROUP: groupId, LEDGER_DELAY_MS: '1' };
    const script = 'libs/testing/src/fixtures/ledger-consumer.js';

    consumer = spawnProcess(script, env);
    // Wait until one batch has committed and the next one is open, then pull the plug.
    await waitFor(() => /batch-done 1\n[\s\S]*batch-start 2 /.test(consumer?.output() ?? ''), { timeoutMs: 60_000, what: 'a second batch to start' });
    const { signal } = await consumer.kill('SIGKILL');
    expect(signal).toBe('SIGKILL');
    const lines = consumer.output().trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^batch-start /);
    const atKill = await ledgerState(db.dataSource);
    expect(atKill.effects).toBeGreaterThan(0);
    expect(atKill.effects).toBeLessThan(EVENTS);

    consumer = spawnProcess(script, env);
    await waitFor(async () => (await caughtUp(kafka, groupId, topic)) && (await ledgerState(db.dataSource)).effects >= EVENTS, { timeoutMs: 120_000, what: 'the restarted consumer to finish' });
    await consumer.kill('SIGTERM');

    const after = await ledgerState(db.dataSource);
    expect(after.effects).toBe(EVENTS);
    expect(after.distinctEvents).toBe(EVENTS);
    expect(Object.values(after.totals).reduce((sum, total) => sum + Number(total), 0)).toBe((EVENTS * (EVENTS + 1)) / 2);
  });
});
