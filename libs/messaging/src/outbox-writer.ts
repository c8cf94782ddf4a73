/**
 * The producer half of the transactional outbox: events are rows written in the caller's
 * transaction, so a domain change and its events commit (or roll back) together.
 */
import { EventName, EventPayload } from '@tenantry/contracts';
import { entityManagerOf, Transaction } from '@tenantry/persistence';
import { EnvelopeBuilder, OutboundEvent, PublishOptions } from './envelope-builder';

/** Rows are spread over shards by key; a relay owns a shard while it publishes, which keeps per-key order. */
export const OUTBOX_SHARDS = 16;
export const OUTBOX_CHANNEL = 'tenantry_outbox';

/** FNV-1a: stable across processes and languages, unlike a runtime's own string hash. */
export function shardOf(key: string, shards = OUTBOX_SHARDS): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

export class OutboxNeedsTransactionError extends Error {
  constructor() {
    super('OutboxWriter must be called with the EntityManager of an open transaction');
    this.name = 'OutboxNeedsTransactionError';
  }
}

export interface OutboxWriterOptions {
  /**
   * Sends events to another topic than the catalogue's; for benchmarks and tests that need a
   * topic of their own on a shared broker. Services leave it unset.
   */
  route?: (type: EventName, catalogueTopic: string) => string;
}

export class OutboxWriter {
  private readonly envelopes: EnvelopeBuilder;

  constructor(
    /** The publishing service, for `ce_source`. */
    source: string,
    private readonly options: OutboxWriterOptions = {},
  ) {
    this.envelopes = new EnvelopeBuilder(source);
  }

  async publish<N extends EventName>(tx: Transaction, type: N, payload: EventPayload<N>, options: PublishOptions = {}): Promise<string> {
    const [id] = await this.publishMany(tx, [{ type, payload, options } as OutboundEvent]);
    return id as string;
  }

  /** Validates every payload, then writes all rows in one statement; returns the event ids (`ce_id`). */
  async publishMany(tx: Transaction, events: readonly OutboundEvent[]): Promise<string[]> {
    const manager = entityManagerOf(tx);
    if (!manager.queryRunner?.isTransactionActive) throw new OutboxNeedsTransactionError();
    if (events.length === 0) return [];
    const context = this.envelopes.context();
    const columns = { ids: [] as string[], types: [] as string[], topics: [] as string[], keys: [] as string[], shards: [] as number[], headers: [] as string[], payloads: [] as string[] };
    for (const event of events) {
      // Payloads may be class instances: the row stores, and the envelope validates, their JSON form.
      const plain = JSON.parse(JSON.stringify(event.payload)) as typeof event.payload;
      const envelope = this.envelopes.envelope(event.type, plain, context, event.options);
      columns.ids.push(envelope.id);
      columns.types.push(event.type);
      columns.topics.push(this.options.route ? this.options.route(event.type, envelope.topic) : envelope.topic);
      columns.keys.push(envelope.key);
      columns.shards.push(shardOf(envelope.key));
      columns.headers.push(JSON.stringify(envelope.headers));
      columns.payloads.push(JSON.stringify(plain));
    }
    // The rows and their notification in one statement. NOTIFY is delivered on commit only, and
    // folded into one notification per transaction by Postgres.
    await manager.query(
      `WITH written AS (
         INSERT INTO outbox (event_id, event_type, topic, message_key, shard, headers, payload)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::smallint[], $6::jsonb[], $7::jsonb[])
       )
       SELECT pg_notify($8, current_schema())`,
      [columns.ids, columns.types, columns.topics, columns.keys, columns.shards, columns.headers, columns.payloads, OUTBOX_CHANNEL],
    );
    return columns.ids;
  }
}
