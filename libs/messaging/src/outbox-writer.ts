/**
 * The producer half of the transactional outbox: events are rows written in the caller's
 * transaction, so a domain change and its events commit (or roll back) together.
 */
import { randomUUID } from 'node:crypto';
import { eventDefinition, EventName, EventPayload, toKafkaHeaders, validatePayload } from '@tenantry/contracts';
import { currentContext } from '@tenantry/observability';
import { entityManagerOf, Transaction } from '@tenantry/persistence';
import { captureTraceHeaders } from './trace-context';

/** Rows are spread over shards by key; a relay owns a shard while it publishes, which keeps per-key order. */
export const OUTBOX_SHARDS = 16;
export const OUTBOX_CHANNEL = 'tenantry_outbox';

export interface PublishOptions {
  id?: string;
  time?: Date;
  correlationId?: string;
  causationId?: string;
}

export type OutboundEvent = {
  [N in EventName]: { type: N; payload: EventPayload<N>; options?: PublishOptions };
}[EventName];

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
  constructor(
    /** The publishing service, for `ce_source`. */
    private readonly source: string,
    private readonly options: OutboxWriterOptions = {},
  ) {}

  async publish<N extends EventName>(tx: Transaction, type: N, payload: EventPayload<N>, options: PublishOptions = {}): Promise<string> {
    const [id] = await this.publishMany(tx, [{ type, payload, options } as OutboundEvent]);
    return id as string;
  }

  /** Validates every payload, then writes all rows in one statement; returns the event ids (`ce_id`). */
  async publishMany(tx: Transaction, events: readonly OutboundEvent[]): Promise<string[]> {
    const manager = entityManagerOf(tx);
    if (!manager.queryRunner?.isTransactionActive) throw new OutboxNeedsTransactionError();
    if (events.length === 0) return [];
    const trace = captureTraceHeaders();
    const context = currentContext();
    const columns = { ids: [] as string[], types: [] as string[], topics: [] as string[], keys: [] as string[], shards: [] as number[], headers: [] as string[], payloads: [] as string[] };
    for (const event of events) {
      const definition = eventDefinition(event.type);
      const plain = JSON.parse(JSON.stringify(event.payload)) as unknown;
      const payload = validatePayload(event.type, plain);
      const key = definition.key(payload);
      const id = event.options?.id ?? randomUUID();
      const headers = toKafkaHeaders({
        id,
        type: event.type,
        source: `/tenantry/${this.source}`,
        time: (event.options?.time ?? new Date()).toISOString(),
        schemaVersion: definition.version,
        tenantId: definition.tenantId(payload),
        correlationId: event.options?.correlationId ?? context.correlationId ?? context.requestId,
        causationId: event.options?.causationId ?? context.causationId,
        ...trace,
      });
      columns.ids.push(id);
      columns.types.push(event.type);
      columns.topics.push(this.options.route ? this.options.route(event.type, definition.topic) : definition.topic);
      columns.keys.push(key);
      columns.shards.push(shardOf(key));
      columns.headers.push(JSON.stringify(headers));
      columns.payloads.push(JSON.stringify(plain));
    }
    await manager.query(
      `INSERT INTO outbox (event_id, event_type, topic, message_key, shard, headers, payload)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::smallint[], $6::jsonb[], $7::jsonb[])`,
      [columns.ids, columns.types, columns.topics, columns.keys, columns.shards, columns.headers, columns.payloads],
    );
    // Delivered on commit only, and folded into one notification per transaction by Postgres.
    await manager.query(`SELECT pg_notify($1, current_schema())`, [OUTBOX_CHANNEL]);
    return columns.ids;
  }
}
