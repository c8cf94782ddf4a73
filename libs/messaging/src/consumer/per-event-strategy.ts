/**
 * One transaction per event: the inbox row and the event's effect commit together. A failing
 * effect is retried with backoff, then dead-lettered; offsets are committed every 200 events and at
 * the end of the batch, only for events whose transaction committed.
 */
import { EntityManager } from 'typeorm';
import { PayloadValidationError } from '@tenantry/contracts';
import { backoffMs } from '../backoff';
import { isTransientInfrastructureError, NonRetryableError } from '../errors';
import { EventHandlers, InboundEvent } from '../inbound-event';
import { Decoded } from './message-decoder';
import { errorMessage, FetchedBatch, ProcessingStrategy, StrategyContext, throughOutages } from './processing-strategy';

const COMMIT_EVERY = 200;

/** One event's effect in the transaction of its inbox row. */
export type EventEffect = (event: InboundEvent, tx: EntityManager) => Promise<void>;

/**
 * The effect of a handlers-mode consumer. An event without a handler must fail rather than have its
 * inbox row commit as processed.
 */
export function handlersEffect(group: string, handlers: EventHandlers): EventEffect {
  return (event, tx) => {
    const handler = handlers[event.type] as EventEffect | undefined;
    if (!handler) throw new NonRetryableError(`consumer ${group} has no handler for ${event.type}`);
    return handler(event, tx);
  };
}

export class PerEventStrategy implements ProcessingStrategy {
  constructor(
    private readonly effect: EventEffect,
    private readonly context: StrategyContext,
  ) {}

  async process(decoded: readonly Decoded[], batch: FetchedBatch): Promise<void> {
    let done: string | undefined;
    let sinceCommit = 0;
    try {
      for (const item of decoded) {
        if (!batch.active) break;
        await this.processOne(item, batch);
        batch.resolve(item.message.offset);
        done = item.message.offset;
        if (++sinceCommit >= COMMIT_EVERY) {
          await batch.commit(done);
          sinceCommit = 0;
        }
        await batch.heartbeat();
      }
    } finally {
      if (done !== undefined && sinceCommit > 0) await batch.commit(done);
    }
  }

  private async processOne(item: Decoded, batch: FetchedBatch): Promise<void> {
    const { deadLetters, telemetry, logger, group, maxAttempts, retryBaseMs } = this.context;
    if (item.kind === 'skip') return;
    if (item.kind === 'poison') return deadLetters.publish(item.message, batch.position, 'invalid', item.reason, 0);
    const { event } = item;
    for (let attempt = 1; ; attempt++) {
      try {
        const applied = await throughOutages(() => telemetry.traceEvent(event, () => this.applyOnce(event)), batch, this.context);
        telemetry.consumed(event.type, applied ? 'applied' : 'duplicate');
        return;
      } catch (error) {
        // An outage that outlived the consumer: leave the event uncommitted for the next one.
        if (isTransientInfrastructureError(error)) throw error;
        if (error instanceof NonRetryableError || error instanceof PayloadValidationError) {
          return deadLetters.publish(item.message, batch.position, 'rejected', errorMessage(error), attempt);
        }
        if (attempt >= maxAttempts) return deadLetters.publish(item.message, batch.position, 'failed', errorMessage(error), attempt);
        logger.warn({ err: error, group, attempt, eventId: event.meta.id }, 'event handler failed; retrying');
        await batch.pause(backoffMs(attempt, { baseMs: retryBaseMs }));
      }
    }
  }

  private applyOnce(event: InboundEvent): Promise<boolean> {
    return this.context.telemetry.timed('each', () => this.context.inbox.applyOnce(event, (tx) => this.effect(event, tx)));
  }
}
