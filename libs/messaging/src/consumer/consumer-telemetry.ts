/**
 * What a consumer shows of itself: a consumer span per event (under the message's traceparent) or
 * per batch (linked to the messages'), the consumed/dead-letter/duration metrics, lag, and the
 * fetch and busy times from which readiness tells a stalled consumer.
 */
import { Admin, Kafka } from 'kafkajs';
import { context, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Logger, runWithContext, ServiceMetrics } from '@tenantry/observability';
import { InboundEvent } from '../inbound-event';
import { contextFromHeaders, startMessageSpan } from '../trace-context';

export type ConsumerState = 'stopped' | 'starting' | 'running' | 'crashed';

export interface ConsumerHealth {
  group: string;
  state: ConsumerState;
  stalled: boolean;
  ready: boolean;
  lastError?: string;
  secondsSinceFetch?: number;
}

export type ConsumeOutcome = 'applied' | 'duplicate' | 'dead_lettered';

const tracer = trace.getTracer('@tenantry/messaging');
/** Spans carry at most this many links; a batch can hold thousands of events. */
const MAX_LINKS = 128;

function ended<T>(span: Span, work: Promise<T>): Promise<T> {
  return work
    .catch((error: unknown) => {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    })
    .finally(() => span.end());
}

export class ConsumerTelemetry {
  private lastFetchAt = 0;
  private busySince?: number;
  private admin?: Admin;

  constructor(
    private readonly group: string,
    private readonly stallMs: number,
    private readonly metrics: ServiceMetrics | undefined,
    private readonly logger: Logger,
  ) {}

  fetched(now = Date.now()): void {
    this.lastFetchAt = now;
  }

  /** Marks the consumer busy while `work` runs, so a handler that hangs shows as stalled. */
  async busy<T>(work: () => Promise<T>): Promise<T> {
    this.busySince = Date.now();
    try {
      return await work();
    } finally {
      this.busySince = undefined;
    }
  }

  health(state: ConsumerState, lastError: string | undefined, now = Date.now()): ConsumerHealth {
    const busyTooLong = this.busySince !== undefined && now - this.busySince > this.stallMs;
    const silentTooLong = state === 'running' && now - this.lastFetchAt > this.stallMs;
    const stalled = busyTooLong || silentTooLong;
    return {
      group: this.group,
      state,
      stalled,
      ready: state === 'running' && !stalled,
      lastError,
      secondsSinceFetch: this.lastFetchAt ? Math.round((now - this.lastFetchAt) / 1000) : undefined,
    };
  }

  reportUp(health: ConsumerHealth): void {
    this.metrics?.consumerUp.set({ group: this.group }, health.ready ? 1 : 0);
  }

  consumed(type: string, outcome: ConsumeOutcome): void {
    this.metrics?.eventsConsumed.inc({ group: this.group, type, outcome });
  }

  deadLettered(type: string, reason: string): void {
    this.metrics?.deadLetters.inc({ group: this.group, reason });
    this.consumed(type, 'dead_lettered');
  }

  /** Times one transaction of a handler, in the mode it ran in. */
  timed<T>(mode: 'each' | 'batch', work: () => Promise<T>): Promise<T> {
    const started = process.hrtime.bigint();
    return work().finally(() => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics?.handlerDuration.observe({ group: this.group, mode }, seconds);
    });
  }

  /** Runs `work` in a consumer span under the event's trace, with the event's request context. */
  traceEvent<T>(event: InboundEvent, work: () => Promise<T>): Promise<T> {
    const parent = contextFromHeaders(event.meta);
    const span = startMessageSpan('process', { topic: event.topic, id: event.meta.id, type: event.type }, parent, { 'messaging.consumer.group.name': this.group });
    const requestContext = { tenantId: event.meta.tenantId, correlationId: event.meta.correlationId ?? event.meta.id, causationId: event.meta.id };
    return ended(span, context.with(trace.setSpan(parent, span), () => runWithContext(requestContext, work)));
  }

  /** Runs `work` in one consumer span for a batch, linked to the traces of (up to 128 of) its events. */
  traceBatch<T>(events: readonly InboundEvent[], work: () => Promise<T>): Promise<T> {
    const links = [];
    for (const event of events) {
      if (links.length >= MAX_LINKS) break;
      const linked = trace.getSpanContext(contextFromHeaders(event.meta));
      if (linked) links.push({ context: linked });
    }
    const span = tracer.startSpan(`${this.group} process batch`, {
      kind: SpanKind.CONSUMER,
      attributes: { 'messaging.system': 'kafka', 'messaging.batch.message_count': events.length, 'messaging.consumer.group.name': this.group },
      links,
    });
    return ended(span, context.with(trace.setSpan(context.active(), span), work));
  }

  /** Sets `tenantry_consumer_lag` per partition: the end offsets minus the group's committed ones. */
  async measureLag(kafka: Kafka, topics: readonly string[]): Promise<void> {
    const metrics = this.metrics;
    if (!metrics) return;
    try {
      if (!this.admin) {
        this.admin = kafka.admin();
        await this.admin.connect();
      }
      const committed = await this.admin.fetchOffsets({ groupId: this.group, topics: [...topics] });
      for (const { topic, partitions } of committed) {
        const ends = await this.admin.fetchTopicOffsets(topic);
        for (const end of ends) {
          const own = partitions.find((p) => p.partition === end.partition);
          const at = own && own.offset !== '-1' ? BigInt(own.offset) : BigInt(end.low);
          metrics.consumerLag.set({ group: this.group, topic, partition: String(end.partition) }, Number(BigInt(end.high) - at));
        }
      }
    } catch (error) {
      this.logger.debug({ err: error }, 'could not measure consumer lag');
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
