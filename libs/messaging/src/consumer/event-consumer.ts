/**
 * The consumer half of the delivery guarantees, and its life cycle: joining the group, restarting
 * after kafkajs gives up, stopping after the batch in flight. Each fetched batch goes to the
 * strategy of the consumer's mode (per event or per batch), which applies events through the
 * inbox, commits offsets only after their transaction and dead-letters what cannot be applied.
 */
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Logger, ServiceMetrics } from '@tenantry/observability';
import { backoffMs } from '../backoff';
import { kafkaLogsOf } from '../kafka-client';
import { BatchStrategy } from './batch-strategy';
import { ConsumerMode, handledEvents } from './consumer-mode';
import { ConsumerHealth, ConsumerState, ConsumerTelemetry } from './consumer-telemetry';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { Inbox, inboxRetentionMs } from './inbox';
import { pinNewGroupAtEnd } from './pin-new-group';
import { decodeMessage } from './message-decoder';
import { handlersEffect, PerEventStrategy } from './per-event-strategy';
import { errorMessage, FetchedBatch, ProcessingStrategy, StrategyContext } from './processing-strategy';

export interface EventConsumerSettings {
  groupId: string;
  topics: readonly string[];
  kafka: Kafka;
  dataSource: DataSource;
  logger: Logger;
  metrics?: ServiceMetrics;
  /** Attempts before a failing message is dead-lettered (default 5). */
  maxAttempts?: number;
  retryBaseMs?: number;
  /** No fetch or a handler busy for this long → stalled in readiness and metrics (default 60 s). */
  stallMs?: number;
  /** Where a group without committed offsets starts; `false` pins it at the end when the consumer first starts (pinNewGroupAtEnd). */
  fromBeginning?: boolean;
  partitionsConsumedConcurrently?: number;
  /** How long inbox rows are kept; default: the longest retention of the subscribed topics plus a day. */
  inboxRetentionMs?: number;
}

/** `handlers`: one transaction per event; `batch`: one per fetched batch, for high-volume streams. */
export type EventConsumerOptions = EventConsumerSettings & ConsumerMode;

/** After kafkajs gives up: 1 s, doubling, at most 30 s between restarts. */
const RESTART_BACKOFF = { baseMs: 1_000, maxMs: 30_000 };
const LAG_EVERY_MS = 10_000;
const PRUNE_EVERY_MS = 3_600_000;
const REPORT_UP_EVERY_MS = 5_000;

export class EventConsumer {
  private consumer?: Consumer;
  private state: ConsumerState = 'stopped';
  private stopping = false;
  private lastError?: string;
  private restarts = 0;
  /** Set until the consumer's first join: the broker may still be settling until then. */
  private firstJoined?: () => void;
  private joinedOnce = false;
  private pinned = false;
  private timers: NodeJS.Timeout[] = [];
  private readonly handled: ReadonlySet<string>;
  private readonly telemetry: ConsumerTelemetry;
  private readonly inbox: Inbox;
  private readonly deadLetters: DeadLetterPublisher;
  private readonly strategy: ProcessingStrategy;

  constructor(private readonly options: EventConsumerOptions) {
    const { groupId: group, logger } = options;
    this.handled = handledEvents(options);
    this.telemetry = new ConsumerTelemetry(group, options.stallMs ?? 60_000, options.metrics, logger);
    this.inbox = new Inbox(options.dataSource, group, logger);
    this.deadLetters = new DeadLetterPublisher(options.kafka, group, this.telemetry, logger);
    const context: StrategyContext = {
      group,
      inbox: this.inbox,
      deadLetters: this.deadLetters,
      telemetry: this.telemetry,
      logger,
      maxAttempts: options.maxAttempts ?? 5,
      retryBaseMs: options.retryBaseMs ?? 100,
      stopping: () => this.stopping,
      failed: (error) => (this.lastError = errorMessage(error)),
    };
    this.strategy = options.batch ? new BatchStrategy(options.batch, context) : new PerEventStrategy(handlersEffect(group, options.handlers), context);
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
    if (!this.joinedOnce) this.firstJoined ??= kafkaLogsOf(this.options.kafka)?.firstJoin();
    await this.launch().catch((error: unknown) => {
      this.state = 'crashed';
      this.lastError = errorMessage(error);
      this.options.logger.warn({ err: error, group: this.options.groupId }, 'consumer could not start; retrying');
      this.scheduleRestart();
    });
    const keepMs = this.options.inboxRetentionMs ?? inboxRetentionMs(this.options.topics);
    this.timers.push(setInterval(() => void this.measureLag(), LAG_EVERY_MS).unref());
    this.timers.push(setInterval(() => void this.inbox.prune(keepMs), PRUNE_EVERY_MS).unref());
    this.timers.push(setInterval(() => this.telemetry.reportUp(this.health()), REPORT_UP_EVERY_MS).unref());
  }

  /** Stops fetching, lets the batch in flight finish and commit, then closes. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.firstJoined?.();
    this.firstJoined = undefined;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.consumer?.disconnect().catch(() => undefined);
    await this.deadLetters.close();
    await this.telemetry.close();
    this.consumer = undefined;
    this.state = 'stopped';
    this.telemetry.reportUp(this.health());
  }

  health(now = Date.now()): ConsumerHealth {
    return this.telemetry.health(this.state, this.lastError, now);
  }

  private async launch(): Promise<void> {
    await this.deadLetters.open();
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
      this.joinedOnce = true;
      this.firstJoined?.();
      this.firstJoined = undefined;
      this.state = 'running';
      this.telemetry.fetched();
    });
    consumer.on(consumer.events.FETCH, () => {
      this.telemetry.fetched();
      if (this.state !== 'running') this.state = 'running';
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.state = 'crashed';
      this.lastError = errorMessage(event.payload.error);
      const fields = { err: event.payload.error, restart: event.payload.restart, group: this.options.groupId };
      // A broker still settling on the first join: kafkajs restarts the member by itself.
      if (event.payload.restart && kafkaLogsOf(this.options.kafka)?.isSettling(event.payload.error)) this.options.logger.debug(fields, 'consumer crashed');
      else this.options.logger.error(fields, 'consumer crashed');
      // kafkajs restarts by itself only for retriable errors; otherwise the member is dead and we restart it.
      if (!event.payload.restart) this.scheduleRestart();
    });
    this.consumer = consumer;
    if (this.options.fromBeginning === false && !this.pinned) await this.pinAtEnd();
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /** Until it has worked once in this process, before joining: after that the offsets are committed. */
  private async pinAtEnd(): Promise<void> {
    const { kafka, groupId, topics, logger } = this.options;
    try {
      const partitions = await pinNewGroupAtEnd(kafka, groupId, topics);
      if (partitions > 0) logger.info({ group: groupId, partitions }, 'new consumer group starts at the end of its topics');
      this.pinned = true;
    } catch (error) {
      // Another instance has joined the group (and pinned it), or the broker is away (joining fails too, and is retried).
      logger.debug({ err: error, group: groupId }, 'consumer group not pinned at the end');
    }
  }

  private scheduleRestart(): void {
    if (this.stopping) return;
    this.restarts += 1;
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
    }, backoffMs(this.restarts, RESTART_BACKOFF));
    timer.unref();
  }

  private onBatch(payload: EachBatchPayload): Promise<void> {
    const batch = new FetchedBatch(payload, async (offsets) => {
      await this.consumer?.commitOffsets(offsets);
    });
    return this.telemetry.busy(() =>
      this.strategy.process(
        payload.batch.messages.map((message) => decodeMessage(this.handled, batch.position, message)),
        batch,
      ),
    );
  }

  private async measureLag(): Promise<void> {
    if (!this.stopping) await this.telemetry.measureLag(this.options.kafka, this.options.topics);
  }
}
