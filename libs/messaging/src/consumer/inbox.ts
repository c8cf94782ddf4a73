/**
 * The idempotent inbox: a row per (consumer group, ce_id), inserted in the same transaction as the
 * event's effect. A redelivered event finds its row and changes nothing, so at-least-once delivery
 * becomes effectively once.
 */
import { DataSource, EntityManager } from 'typeorm';
import { TOPICS } from '@tenantry/contracts';
import { Logger } from '@tenantry/observability';
import { InboundEvent } from '../inbound-event';

const DAY_MS = 86_400_000;

/**
 * Rows outlive everything still on the subscribed topics by a day, so a replay from the beginning
 * is still deduplicated.
 */
export function inboxRetentionMs(topics: readonly string[]): number {
  const longest = Object.values(TOPICS)
    .filter((topic) => topics.includes(topic.name))
    .reduce((max, topic) => Math.max(max, topic.retentionMs), 7 * DAY_MS);
  return longest + DAY_MS;
}

export class Inbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly group: string,
    private readonly logger: Logger,
  ) {}

  /** Runs `effect` with the event's inbox row in one transaction; false (and no effect) for a duplicate. */
  applyOnce(event: InboundEvent, effect: (tx: EntityManager) => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const inserted = (await tx.query(
        `INSERT INTO inbox (consumer_group, event_id, event_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.group, event.meta.id, event.type],
      )) as unknown[];
      if (inserted.length === 0) return false;
      await effect(tx);
      return true;
    });
  }

  /**
   * The same for many events in one transaction and one statement: `effect` gets the events that
   * were new. Returns their ids. The events must have distinct ids.
   */
  applyNew(events: readonly InboundEvent[], effect: (fresh: InboundEvent[], tx: EntityManager) => Promise<void>): Promise<Set<string>> {
    return this.dataSource.transaction(async (tx) => {
      const rows = (await tx.query(
        `INSERT INTO inbox (consumer_group, event_id, event_type)
         SELECT $1, id, type FROM unnest($2::text[], $3::text[]) AS t(id, type)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.group, events.map((event) => event.meta.id), events.map((event) => event.type)],
      )) as { event_id: string }[];
      const fresh = new Set(rows.map((row) => row.event_id));
      const toApply = events.filter((event) => fresh.has(event.meta.id));
      if (toApply.length > 0) await effect(toApply, tx);
      return fresh;
    });
  }

  /** Deletes this group's rows older than `keepMs`; a failure waits for the next round. */
  async prune(keepMs: number): Promise<void> {
    await this.dataSource
      .query(`DELETE FROM inbox WHERE consumer_group = $1 AND processed_at < now() - make_interval(secs => $2)`, [this.group, keepMs / 1000])
      .catch((error: unknown) => this.logger.warn({ err: error }, 'inbox pruning failed'));
  }
}
