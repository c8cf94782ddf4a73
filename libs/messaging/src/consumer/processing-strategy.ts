/**
 * What the per-event and batch strategies share: the fetched batch they work through (offsets,
 * heartbeats, pauses), the consumer's parts they use, and the rule that an infrastructure outage is
 * waited out rather than counted against the message.
 */
import { EachBatchPayload } from 'kafkajs';
import { Logger } from '@tenantry/observability';
import { backoffMs } from '../backoff';
import { isTransientInfrastructureError } from '../errors';
import { ConsumerTelemetry } from './consumer-telemetry';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { Inbox } from './inbox';
import { Decoded, Position } from './message-decoder';

/** Waiting out a database outage: 400 ms, doubling, at most 5 s between tries. */
const OUTAGE_BACKOFF = { baseMs: 400, maxMs: 5_000 };
/** A kafkajs heartbeat at least this often while pausing, so the group keeps the member. */
const HEARTBEAT_MS = 1_000;

export interface ProcessingStrategy {
  /** Applies the decoded messages of one fetched batch in order, resolving and committing offsets. */
  process(decoded: readonly Decoded[], batch: FetchedBatch): Promise<void>;
}

/** The consumer's parts a strategy works with. */
export interface StrategyContext {
  readonly group: string;
  readonly inbox: Inbox;
  readonly deadLetters: DeadLetterPublisher;
  readonly telemetry: ConsumerTelemetry;
  readonly logger: Logger;
  /** Attempts before a failing event is dead-lettered. */
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  /** True once the consumer is stopping: an outage then ends the batch (uncommitted) instead of waiting. */
  stopping(): boolean;
  /** Records the error that health() reports. */
  failed(error: unknown): void;
}

/** One partition's fetched batch and the kafkajs controls that come with it. */
export class FetchedBatch {
  readonly position: Position;

  constructor(
    private readonly payload: EachBatchPayload,
    private readonly commitOffsets: (offsets: { topic: string; partition: number; offset: string }[]) => Promise<void>,
  ) {
    this.position = { topic: payload.batch.topic, partition: payload.batch.partition };
  }

  /** False once the consumer is stopping or a rebalance took the partition away. */
  get active(): boolean {
    return this.payload.isRunning() && !this.payload.isStale();
  }

  get running(): boolean {
    return this.payload.isRunning();
  }

  resolve(offset: string): void {
    this.payload.resolveOffset(offset);
  }

  /** Commits everything up to and including `offset`. */
  commit(offset: string): Promise<void> {
    return this.commitOffsets([{ ...this.position, offset: (BigInt(offset) + 1n).toString() }]);
  }

  heartbeat(): Promise<void> {
    return this.payload.heartbeat();
  }

  /** Sleeps for `ms` while keeping the group membership alive. */
  async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(HEARTBEAT_MS, until - Date.now())));
      await this.payload.heartbeat().catch(() => undefined);
    }
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs `work` until it gets past infrastructure errors (database away, deadlock, serialization
 * failure): those are not the message's fault, so they are retried without limit. Other errors,
 * and an outage while the consumer stops, are thrown.
 */
export async function throughOutages<T>(work: () => Promise<T>, batch: FetchedBatch, context: StrategyContext): Promise<T> {
  for (let outage = 1; ; outage++) {
    try {
      return await work();
    } catch (error) {
      if (!isTransientInfrastructureError(error) || context.stopping() || !batch.running) throw error;
      context.failed(error);
      context.logger.warn({ err: error, group: context.group }, 'infrastructure unavailable; retrying the same events');
      await batch.pause(backoffMs(outage, OUTAGE_BACKOFF));
    }
  }
}
