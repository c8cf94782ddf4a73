/**
 * One transaction per fetched batch, for high-volume streams: the inbox rows of all new events and
 * the batch handler's effect commit together, with multi-row SQL. If the batch fails, its events
 * are applied one at a time (each as a batch of one) so the good ones keep their effect and only
 * the culprit is dead-lettered.
 */
import { isTransientInfrastructureError } from '../errors';
import { BatchHandler, InboundEvent } from '../inbound-event';
import { Decoded } from './message-decoder';
import { PerEventStrategy } from './per-event-strategy';
import { FetchedBatch, ProcessingStrategy, StrategyContext, throughOutages } from './processing-strategy';

export class BatchStrategy implements ProcessingStrategy {
  private readonly oneByOne: PerEventStrategy;

  constructor(
    private readonly handler: BatchHandler,
    private readonly context: StrategyContext,
  ) {
    this.oneByOne = new PerEventStrategy((event, tx) => handler.handle([event], tx), context);
  }

  async process(decoded: readonly Decoded[], batch: FetchedBatch): Promise<void> {
    const { deadLetters, telemetry, logger, group } = this.context;
    for (const item of decoded) {
      if (item.kind === 'poison') await deadLetters.publish(item.message, batch.position, 'invalid', item.reason, 0);
    }
    const events = decoded.flatMap((item) => (item.kind === 'event' ? [item.event] : []));
    try {
      const applied = await throughOutages(() => this.applyAll(events), batch, this.context);
      for (const event of events) telemetry.consumed(event.type, applied.has(event.meta.id) ? 'applied' : 'duplicate');
    } catch (error) {
      if (isTransientInfrastructureError(error)) throw error;
      logger.warn({ err: error, group, size: events.length }, 'batch failed; isolating events');
      await this.oneByOne.process(
        decoded.filter((item) => item.kind === 'event'),
        batch,
      );
      return;
    }
    const last = decoded[decoded.length - 1];
    if (last) {
      batch.resolve(last.message.offset);
      await batch.commit(last.message.offset);
    }
  }

  /** Returns the ids that were new (and so applied) in this transaction. */
  private applyAll(events: readonly InboundEvent[]): Promise<Set<string>> {
    const unique = [...new Map(events.map((event) => [event.meta.id, event])).values()];
    if (unique.length === 0) return Promise.resolve(new Set());
    const { inbox, telemetry } = this.context;
    return telemetry.timed('batch', () => telemetry.traceBatch(unique, () => inbox.applyNew(unique, (fresh, tx) => this.handler.handle(fresh, tx))));
  }
}
