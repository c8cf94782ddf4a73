// One trace spans the request that wrote an event, its outbox row, Kafka, and the consumer that applied it.
import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { createProducer, EventConsumer, OutboxRelay, OutboxWriter, SerialProducer } from '@tenantry/messaging';
import { applyUsage, createTestSchema, createTopic, LEDGER_DDL, newTopicName, readTopic, tenantIds, TestSchema, testKafka, testLogger, uniqueName, usage, waitFor } from '@tenantry/testing';

jest.setTimeout(60_000);

const [TENANT] = tenantIds(1) as [string];

describe('trace propagation through the event spine', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const kafka = testKafka();
  let db: TestSchema;
  let producer: SerialProducer;
  let relay: OutboxRelay;
  let consumer: EventConsumer;

  beforeAll(async () => {
    provider.register();
    db = await createTestSchema('tracing', LEDGER_DDL);
  });

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop(0);
    await producer?.close();
    await db.drop();
    await provider.shutdown();
  });

  it('continues the writer’s trace in the Kafka headers and in the consumer’s handler', async () => {
    const topic = newTopicName('test.tracing');
    await createTopic(kafka, topic, 1);
    const writer = new OutboxWriter('tracing-test', { route: () => topic });
    const tracer = trace.getTracer('test');

    const root = await tracer.startActiveSpan('POST /api/v1/platform/tenants', { kind: SpanKind.SERVER }, async (span) => {
      await db.dataSource.transaction((tx) => writer.publish(tx, 'UsageRecorded', usage(TENANT, 1)));
      span.end();
      return span.spanContext();
    });

    let handlerTrace: string | undefined;
    producer = new SerialProducer(() => createProducer(kafka, { idempotent: true }));
    relay = new OutboxRelay({ dataSource: db.dataSource, schema: db.schema, producer, logger: testLogger(), pollMs: 50 });
    consumer = new EventConsumer({
      groupId: uniqueName('tracing'),
      topics: [topic],
      kafka,
      dataSource: db.dataSource,
      logger: testLogger(),
      handlers: {
        UsageRecorded: async (event, tx) => {
          handlerTrace = trace.getActiveSpan()?.spanContext().traceId;
          await applyUsage(tx, [event]);
        },
      },
    });
    await relay.start();
    await consumer.start();

    const [message] = await readTopic(kafka, topic, (m) => m.length >= 1);
    await waitFor(() => handlerTrace, { what: 'the handler to run' });

    expect(message?.headers['traceparent']).toMatch(new RegExp(`^00-${root.traceId}-[0-9a-f]{16}-01$`));
    expect(handlerTrace).toBe(root.traceId);
    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === root.traceId);
    const publish = spans.find((s) => s.kind === SpanKind.PRODUCER);
    const process = await waitFor(() => exporter.getFinishedSpans().find((s) => s.kind === SpanKind.CONSUMER && s.spanContext().traceId === root.traceId), { what: 'the consumer span' });
    expect(publish?.parentSpanContext?.spanId).toBe(root.spanId);
    expect(process.parentSpanContext?.spanId).toBe(publish?.spanContext().spanId);
    expect(message?.headers['traceparent']).toContain(publish?.spanContext().spanId);
  });
});
