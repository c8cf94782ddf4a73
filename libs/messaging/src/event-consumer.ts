/**
 * The consumer half of the delivery guarantees. For every message: the inbox row
 * (consumer group, ce_id) and the handler's effect commit in one transaction, so a redelivered
 * event changes nothing; offsets are committed only after that transaction. Invalid messages
 * and messages that keep failing go to `tenantry.dlq.<group>` and the consumer moves on;
 * infrastructure outages are waited out instead of dead-lettering good messages.
 */
import { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  deadLetterTopic,
  EnvelopeError,
  fromKafkaHeaders,
  headerString,
  CE_HEADERS,
  PayloadValidationError,
  TOPICS,
  validatePayload,
} from '@tenantry/contracts';
import { Logger, runWithContext, ServiceMetrics } from '@tenantry/observability';
import { isTransientInfrastructureError, NonRetryableError } from './errors';
import { BatchHandler, EventHandlers, InboundEvent } from './inbound-event';
import { createProducer, deadLetterTopicDefinition, ensureTopics } from './kafka-client';
import { contextFromHeaders } from './trace-context';

export interface EventConsumerOptions {
  groupId: string;
  topics: readonly string[];
  kafka: Kafka;
  dataSource: DataSource;
  logger: Logger;
  metrics?: ServiceMetrics;
  /** One transaction per event. Give either `handlers` or `batch`. */
  handlers?: EventHandlers;
  /** One transaction per fetched batch, for high-volume streams. */
  batch?: BatchHandler;
  /** Attempts before a failing message is dead-lettered (default 5). */
  maxAttempts?: number;
  retryBaseMs?: number;
  /** No fetch or a handler busy for this long → stalled in readiness and metrics (default 60 s). */
  stallMs?: number;
  fromBeginning?: boolean;
  partitionsConsumedConcurrently?: number;
  /** How long inbox rows are kept; default: the longest retention of the subscribed topics plus a day. */
  inboxRetentionMs?: number;
}

export type ConsumerState = 'stopped' | 'starting' | 'running' | 'crashed';

export interface ConsumerHealth {
  group: string;
  state: ConsumerState;
  stalled: boolean;
  ready: boolean;
  lastError?: string;
  secondsSinceFetch?: number;
}

type Decoded =
  | { kind: 'event'; event: InboundEvent; message: KafkaMessage }
  | { kind: 'skip'; message: KafkaMessage }
  | { kind: 'poison'; reason: string; message: KafkaMessage };

interface Position {
  topic: string;
  partition: number;
}

const DAY_MS = 86_400_000;
const MAX_BACKOFF_MS = 5_000;
const COMMIT_EVERY = 200;
const tracer = trace.getTracer('@tenantry/messaging');

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

export class EventConsumer {
  private consumer?: Consumer;
  private producer?: Producer;
  private admin?: Admin;
  private state: ConsumerState = 'stopped';
  private stopping = false;
  private lastFetchAt = 0;
  private busySince?: number;
  private lastError?: string;
  private restarts = 0;
  private timers: NodeJS.Timeout[] = [];
  private readonly handled: ReadonlySet<string>;
  private readonly dlqTopic: string;

  constructor(private readonly options: EventConsumerOptions) {
    if (!!options.handlers === !!options.batch) throw new Error(`consumer ${options.groupId}: give either handlers or batch`);
    this.handled = new Set(options.batch ? options.batch.events : Object.keys(options.handlers ?? {}));
    this.dlqTopic = deadLetterTopic(options.groupId);
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /**
   * Starts in the background: with the broker away the service still boots, reports the
   * consumer as not ready, and keeps trying.
   */
  async start(): Promise<void> {
    this.stopping = false;
    await this.launch().catch((error: unknown) => {
      this.state = 'crashed';
      this.lastError = errorMessage(error);
      this.options.logger.warn({ err: error, group: this.options.groupId }, 'consumer could not start; retrying');
      this.scheduleRestart();
    });
    this.timers.push(setInterval(() => void this.measureLag(), 10_000).unref());
    this.timers.push(setInterval(() => void this.pruneInbox(), 3_600_000).unref());
    this.timers.push(setInterval(() => this.reportUp(), 5_000).unref());
  }

  /** Stops fetching, lets the batch in flight finish and commit, then closes. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
    this.consumer = this.producer = this.admin = undefined;
    this.state = 'stopped';
    this.reportUp();
  }

  health(now = Date.now()): ConsumerHealth {
    const stallMs = this.options.stallMs ?? 60_000;
    const busyTooLong = this.busySince !== undefined && now - this.busySince > stallMs;
    const silentTooLong = this.state === 'running' && now - this.lastFetchAt > stallMs;
    const stalled = busyTooLong || silentTooLong;
    return {
      group: this.options.groupId,
      state: this.state,
      stalled,
      ready: this.state === 'running' && !stalled,
      lastError: this.lastError,
      secondsSinceFetch: this.lastFetchAt ? Math.round((now - this.lastFetchAt) / 1000) : undefined,
    };
  }

  private async launch(): Promise<void> {
    const { kafka } = this.options;
    if (!this.producer) {
      const producer = createProducer(kafka);
      await producer.connect();
      this.producer = producer;
    }
    await ensureTopics(kafka, [deadLetterTopicDefinition(this.dlqTopic)]);
    await this.startConsumer();
  }

  private async startConsumer(): Promise<void> {
    this.state = 'starting';
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      // A member that died (SIGKILL, a lost machine) holds its partitions until its session
      // expires: 10 s rather than kafkajs's 30 s, so a restarted instance is consuming again within
      // seconds. Batches commit in well under the rebalance timeout.
      sessionTimeout: 10_000,
      rebalanceTimeout: 30_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 250,
      retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.state = 'running';
      this.lastFetchAt = Date.now();
    });
    consumer.on(consumer.events.FETCH, () => {
      this.lastFetchAt = Date.now();
      if (this.state !== 'running') this.state = 'running';
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.state = 'crashed';
      this.lastError = errorMessage(event.payload.error);
      this.options.logger.error({ err: event.payload.error, restart: event.payload.restart, group: this.options.groupId }, 'consumer crashed');
      // kafkajs restarts by itself only for retriable errors; otherwise the member is dead and we restart it.
      if (!event.payload.restart) this.scheduleRestart();
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  private scheduleRestart(): void {
    if (this.stopping) return;
    this.restarts += 1;
    const delay = Math.min(30_000, 500 * 2 ** Math.min(this.restarts, 6));
    const timer = setTimeout(() => {
      void (async () => {
        if (this.stopping) return;
        await this.consumer?.disconnect().catch(() => undefined);
        try {
          await this.launch();
          this.restarts = 0;
        } catch (error) {
          this.lastError = errorMessage(error);
          this.scheduleRestart();
        }
      })();
    }, delay);
    timer.unref();
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const position = { topic: batch.topic, partition: batch.partition };
    this.busySince = Date.now();
    try {
      const decoded = batch.messages.map((message) => this.decode(position, message));
      if (this.options.batch) await this.processBatch(decoded, position, payload);
      else await this.processEach(decoded, position, payload);
    } finally {
      this.busySince = undefined;
    }
  }

  private decode(position: Position, message: KafkaMessage): Decoded {
    const type = headerString(message.headers, CE_HEADERS.type);
    if (type && !this.handled.has(type)) return { kind: 'skip', message };
    try {
      const meta = fromKafkaHeaders(message.headers);
      let value: unknown;
      try {
        value = JSON.parse(message.value?.toString('utf8') ?? '');
      } catch {
        return { kind: 'poison', reason: 'value is not valid JSON', message };
      }
      const payload = validatePayload(meta.type, value);
      const event = { type: meta.type, meta, payload, ...position, offset: message.offset, key: message.key?.toString('utf8') ?? null } as InboundEvent;
      return { kind: 'event', event, message };
    } catch (error) {
      if (error instanceof EnvelopeError || error instanceof PayloadValidationError) return { kind: 'poison', reason: error.message, message };
      throw error;
    }
  }

  private async processEach(decoded: Decoded[], position: Position, payload: EachBatchPayload): Promise<void> {
    let done: string | undefined;
    let sinceCommit = 0;
    try {
      for (const item of decoded) {
        if (!payload.isRunning() || payload.isStale()) break;
        await this.processOne(item, position, payload);
        payload.resolveOffset(item.message.offset);
        done = item.message.offset;
        if (++sinceCommit >= COMMIT_EVERY) {
          await this.commit(position, done);
          sinceCommit = 0;
        }
        await payload.heartbeat();
      }
    } finally {
      if (done !== undefined && sinceCommit > 0) await this.commit(position, done);
    }
  }

  private async processOne(item: Decoded, position: Position, payload: EachBatchPayload): Promise<void> {
    const group = this.options.groupId;
    if (item.kind === 'skip') return;
    if (item.kind === 'poison') return this.deadLetter(item.message, position, 'invalid', item.reason, 0);
    const { event } = item;
    const maxAttempts = this.options.maxAttempts ?? 5;
    let attempt = 0;
    let outage = 0;
    for (;;) {
      attempt += 1;
      try {
        const applied = await this.traced(event, () => this.applyOne(event));
        this.options.metrics?.eventsConsumed.inc({ group, type: event.type, outcome: applied ? 'applied' : 'duplicate' });
        return;
      } catch (error) {
        if (error instanceof NonRetryableError || error instanceof PayloadValidationError) {
          return this.deadLetter(item.message, position, 'rejected', errorMessage(error), attempt);
        }
        if (isTransientInfrastructureError(error)) {
          // The database is away: keep the message, wait, and do not count this attempt.
          if (this.stopping || !payload.isRunning()) throw error;
          attempt -= 1;
          outage += 1;
          this.lastError = errorMessage(error);
          this.options.logger.warn({ err: error, group }, 'infrastructure unavailable; retrying the same event');
          await this.pause(Math.min(MAX_BACKOFF_MS, 200 * 2 ** Math.min(outage, 5)), payload);
          continue;
        }
        if (attempt >= maxAttempts) return this.deadLetter(item.message, position, 'failed', errorMessage(error), attempt);
        this.options.logger.warn({ err: error, group, attempt, eventId: event.meta.id }, 'event handler failed; retrying');
        await this.pause((this.options.retryBaseMs ?? 100) * 2 ** (attempt - 1), payload);
      }
    }
  }

  private applyOne(event: InboundEvent): Promise<boolean> {
    const started = process.hrtime.bigint();
    return this.options.dataSource
      .transaction(async (tx) => {
        const inserted = (await tx.query(
          `INSERT INTO inbox (consumer_group, event_id, event_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
          [this.options.groupId, event.meta.id, event.type],
        )) as unknown[];
        if (inserted.length === 0) return false;
        await this.handle(event, tx);
        return true;
      })
      .finally(() => this.observe('each', started));
  }

  /**
   * One event's effect: its handler, or for a batch consumer isolating a failed batch, the batch
   * handler with a batch of one. The inbox row commits only together with this effect, so an event
   * without one must fail rather than be marked as processed.
   */
  private async handle(event: InboundEvent, tx: EntityManager): Promise<void> {
    if (this.options.batch) return this.options.batch.handle([event], tx);
    const handler = this.options.handlers?.[event.type] as ((e: InboundEvent, tx: EntityManager) => Promise<void>) | undefined;
    if (!handler) throw new NonRetryableError(`consumer ${this.options.groupId} has no handler for ${event.type}`);
    return handler(event, tx);
  }

  private async processBatch(decoded: Decoded[], position: Position, payload: EachBatchPayload): Promise<void> {
    const group = this.options.groupId;
    for (const item of decoded) {
      if (item.kind === 'poison') await this.deadLetter(item.message, position, 'invalid', item.reason, 0);
    }
    const events = decoded.flatMap((item) => (item.kind === 'event' ? [item.event] : []));
    let outage = 0;
    for (;;) {
      try {
        const applied = await this.applyBatch(events);
        for (const event of events) {
          this.options.metrics?.eventsConsumed.inc({ group, type: event.type, outcome: applied.has(event.meta.id) ? 'applied' : 'duplicate' });
        }
        break;
      } catch (error) {
        if (isTransientInfrastructureError(error)) {
          if (this.stopping || !payload.isRunning()) throw error;
          outage += 1;
          this.lastError = errorMessage(error);
          await this.pause(Math.min(MAX_BACKOFF_MS, 200 * 2 ** Math.min(outage, 5)), payload);
          continue;
        }
        // Something in the batch is bad: apply the events one at a time so only the culprit is dead-lettered.
        this.options.logger.warn({ err: error, group, size: events.length }, 'batch failed; isolating events');
        const items = decoded.filter((item) => item.kind === 'event');
        await this.processEach(items, position, payload);
        return;
      }
    }
    const last = decoded[decoded.length - 1];
    if (last) {
      payload.resolveOffset(last.message.offset);
      await this.commit(position, last.message.offset);
    }
  }

  /** Returns the ids that were new (and so applied) in this transaction. */
  private applyBatch(events: InboundEvent[]): Promise<Set<string>> {
    const batch = this.options.batch as BatchHandler;
    const unique = [...new Map(events.map((event) => [event.meta.id, event])).values()];
    if (unique.length === 0) return Promise.resolve(new Set());
    const started = process.hrtime.bigint();
    const span = tracer.startSpan(`${this.options.groupId} process batch`, {
      kind: SpanKind.CONSUMER,
      attributes: { 'messaging.system': 'kafka', 'messaging.batch.message_count': unique.length, 'messaging.consumer.group.name': this.options.groupId },
      links: unique.flatMap((event) => {
        const linked = trace.getSpanContext(contextFromHeaders(event.meta));
        return linked ? [{ context: linked }] : [];
      }).slice(0, 128),
    });
    return context
      .with(trace.setSpan(context.active(), span), () =>
        this.options.dataSource.transaction(async (tx) => {
          const rows = (await tx.query(
            `INSERT INTO inbox (consumer_group, event_id, event_type)
             SELECT $1, id, type FROM unnest($2::text[], $3::text[]) AS t(id, type)
             ON CONFLICT DO NOTHING RETURNING event_id`,
            [this.options.groupId, unique.map((event) => event.meta.id), unique.map((event) => event.type)],
          )) as { event_id: string }[];
          const fresh = new Set(rows.map((row) => row.event_id));
          const toApply = unique.filter((event) => fresh.has(event.meta.id));
          if (toApply.length > 0) await batch.handle(toApply, tx);
          return fresh;
        }),
      )
      .catch((error: unknown) => {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      })
      .finally(() => {
        span.end();
        this.observe('batch', started);
      });
  }

  private traced<T>(event: InboundEvent, fn: () => Promise<T>): Promise<T> {
    const parent = contextFromHeaders(event.meta);
    const span = tracer.startSpan(
      `${event.topic} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': event.topic,
          'messaging.message.id': event.meta.id,
          'messaging.consumer.group.name': this.options.groupId,
          'cloudevents.event_type': event.type,
        },
      },
      parent,
    );
    const requestContext = { tenantId: event.meta.tenantId, correlationId: event.meta.correlationId ?? event.meta.id, causationId: event.meta.id };
    return context
      .with(trace.setSpan(parent, span), () => runWithContext(requestContext, fn))
      .catch((error: unknown) => {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      })
      .finally(() => span.end());
  }

  private async deadLetter(message: KafkaMessage, position: Position, reason: string, error: string, attempts: number): Promise<void> {
    const headers: Record<string, string | Buffer> = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined) headers[name] = first;
    }
    Object.assign(headers, {
      dlq_reason: reason,
      dlq_error: error.slice(0, 4_000),
      dlq_attempts: String(attempts),
      dlq_consumer_group: this.options.groupId,
      dlq_original_topic: position.topic,
      dlq_original_partition: String(position.partition),
      dlq_original_offset: message.offset,
      dlq_failed_at: new Date().toISOString(),
    });
    // If this send fails the batch fails uncommitted, so the message is not lost.
    await (this.producer as Producer).send({ topic: this.dlqTopic, acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
    this.options.metrics?.deadLetters.inc({ group: this.options.groupId, reason });
    this.options.metrics?.eventsConsumed.inc({ group: this.options.groupId, type: headerString(message.headers, CE_HEADERS.type) ?? 'unknown', outcome: 'dead_lettered' });
    this.options.logger.error({ group: this.options.groupId, reason, error, ...position, offset: message.offset }, 'message dead-lettered');
  }

  private async commit(position: Position, offset: string): Promise<void> {
    await this.consumer?.commitOffsets([{ ...position, offset: nextOffset(offset) }]);
  }

  private async pause(ms: number, payload: EachBatchPayload): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, until - Date.now())));
      await payload.heartbeat().catch(() => undefined);
    }
  }

  private observe(mode: 'each' | 'batch', started: bigint): void {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.options.metrics?.handlerDuration.observe({ group: this.options.groupId, mode }, seconds);
  }

  private reportUp(): void {
    this.options.metrics?.consumerUp.set({ group: this.options.groupId }, this.health().ready ? 1 : 0);
  }

  private async measureLag(): Promise<void> {
    const metrics = this.options.metrics;
    if (!metrics || this.stopping) return;
    try {
      if (!this.admin) {
        this.admin = this.options.kafka.admin();
        await this.admin.connect();
      }
      const committed = await this.admin.fetchOffsets({ groupId: this.options.groupId, topics: [...this.options.topics] });
      for (const { topic, partitions } of committed) {
        const ends = await this.admin.fetchTopicOffsets(topic);
        for (const end of ends) {
          const own = partitions.find((p) => p.partition === end.partition);
          const at = own && own.offset !== '-1' ? BigInt(own.offset) : BigInt(end.low);
          metrics.consumerLag.set({ group: this.options.groupId, topic, partition: String(end.partition) }, Number(BigInt(end.high) - at));
        }
      }
    } catch (error) {
      this.options.logger.debug({ err: error }, 'could not measure consumer lag');
    }
  }

  private async pruneInbox(): Promise<void> {
    const topicRetention = Object.values(TOPICS)
      .filter((topic) => this.options.topics.includes(topic.name))
      .reduce((max, topic) => Math.max(max, topic.retentionMs), 7 * DAY_MS);
    const keepMs = this.options.inboxRetentionMs ?? topicRetention + DAY_MS;
    await this.options.dataSource
      .query(`DELETE FROM inbox WHERE consumer_group = $1 AND processed_at < now() - make_interval(secs => $2)`, [this.options.groupId, keepMs / 1000])
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'inbox pruning failed'));
  }
}

