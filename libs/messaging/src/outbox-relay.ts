/**
 * The relay half of the transactional outbox: takes committed events in id order, publishes
 * them with an idempotent producer (acks=all) and deletes them once Kafka has acknowledged.
 *
 * Two relays may run against one outbox. Each poll, a relay takes the advisory locks of the
 * shards that no other relay holds, then only those shards' rows (FOR UPDATE SKIP LOCKED as a
 * second fence), deleting them in the same statement; the transaction commits after Kafka's ack.
 * A key always maps to one shard, so one key's events are never published by two relays at once
 * and stay in order. A crash between Kafka's ack and the commit re-publishes a batch: delivery is
 * at least once, and consumers deduplicate by ce_id.
 */
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TopicMessages } from 'kafkajs';
import { trace } from '@opentelemetry/api';
import { Logger, ServiceMetrics } from '@tenantry/observability';
import { backoffMs } from './backoff';
import { OUTBOX_CHANNEL, OUTBOX_SHARDS } from './outbox-writer';
import { SerialProducer } from './serial-producer';
import { WakeSignal } from './wake-signal';
import { contextFromHeaders, injectTraceHeaders, startMessageSpan } from './trace-context';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** The schema whose outbox this relay drains. */
  schema: string;
  /**
   * An idempotent producer behind a SerialProducer: it connects on first use and replaces kafkajs's
   * producer after a failed send, since a failed batch that did land would otherwise make a later,
   * different batch look like its duplicate to the broker (see serial-producer.ts). The relay does
   * not close it: whoever made it does, after `stop()`.
   */
  producer: SerialProducer;
  logger: Logger;
  metrics?: ServiceMetrics;
  batchSize?: number;
  /** Fallback poll interval when no NOTIFY arrives. */
  pollMs?: number;
  /** Listen for NOTIFY on commit (default true). */
  listen?: boolean;
}

interface OutboxRow {
  id: string;
  event_type: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  payload: unknown;
}

/** After a failed publish: 200 ms, doubling, at most 5 s between tries. */
const RETRY_BACKOFF = { baseMs: 200, maxMs: 5_000 };
const BACKLOG_EVERY_MS = 5_000;

export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  /** Woken by NOTIFY on commit and by stop(); a NOTIFY during a publish makes the next sleep return at once. */
  private readonly wake = new WakeSignal();
  private listener?: Client;
  private lastBacklogAt = 0;
  private readonly batchSize: number;
  private readonly pollMs: number;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollMs = options.pollMs ?? 500;
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.options.listen !== false) await this.startListener();
    this.loop = this.run();
  }

  /** Stops after publishing what is already committed, waiting at most `drainMs`. */
  async stop(drainMs = 5_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake.signal();
    await this.loop;
    const deadline = Date.now() + drainMs;
    while (Date.now() < deadline) {
      const published = await this.publishBatch().catch(() => 0);
      if (published === 0) break;
    }
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** Publishes one batch; returns how many events went out. Exposed for tests and benchmarks. */
  async publishBatch(): Promise<number> {
    const { dataSource, metrics, schema } = this.options;
    const sent = await dataSource.transaction(async (manager) => {
      // One statement: the free shards' advisory locks, their oldest rows (a second fence: FOR
      // UPDATE SKIP LOCKED), deleted. Kafka's ack comes before COMMIT; a failed send rolls the delete back.
      const [rows] = (await manager.query(
        `WITH shards AS MATERIALIZED (
           SELECT s FROM generate_series(0, $1::int - 1) AS s WHERE pg_try_advisory_xact_lock(hashtext($2), s)
         ), batch AS (
           SELECT id FROM outbox WHERE shard = ANY(ARRAY(SELECT s::smallint FROM shards)) ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED
         )
         DELETE FROM outbox WHERE id = ANY(ARRAY(SELECT id FROM batch))
         RETURNING id, event_type, topic, message_key, headers, payload`,
        [OUTBOX_SHARDS, `outbox:${schema}`, this.batchSize],
      )) as [OutboxRow[], number];
      if (rows.length === 0) return [];
      // RETURNING has no order: publish in the order the events were written.
      rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      await this.send(rows);
      return rows;
    });
    for (const row of sent) metrics?.outboxPublished.inc({ schema, type: row.event_type });
    await this.reportBacklog();
    return sent.length;
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, TopicMessages['messages']>();
    const spans = rows.map((row) => {
      const parent = contextFromHeaders(row.headers);
      const span = startMessageSpan('publish', { topic: row.topic, id: row.headers['ce_id'] ?? '', type: row.event_type }, parent);
      const headers = { ...row.headers };
      injectTraceHeaders(trace.setSpan(parent, span), headers);
      const messages = byTopic.get(row.topic) ?? [];
      messages.push({ key: row.message_key, value: JSON.stringify(row.payload), headers });
      byTopic.set(row.topic, messages);
      return span;
    });
    try {
      await this.options.producer.sendBatch([...byTopic].map(([topic, messages]) => ({ topic, messages })));
    } catch (error) {
      for (const span of spans) span.recordException(error as Error);
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let published = 0;
      try {
        published = await this.publishBatch();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.metrics?.outboxPublishFailures.inc({ schema: this.options.schema });
        this.options.logger.warn({ err: error, failures }, 'outbox relay could not publish; events stay in the outbox and will be retried');
        await this.wake.sleep(backoffMs(failures, RETRY_BACKOFF));
        continue;
      }
      if (published < this.batchSize) await this.wake.sleep(this.pollMs);
    }
  }

  private async reportBacklog(): Promise<void> {
    const metrics = this.options.metrics;
    if (!metrics || Date.now() - this.lastBacklogAt < BACKLOG_EVERY_MS) return;
    this.lastBacklogAt = Date.now();
    const [{ count }] = (await this.options.dataSource.query(`SELECT count(*)::int AS count FROM outbox`)) as [{ count: number }];
    metrics.outboxBacklog.set({ schema: this.options.schema }, count);
  }

  private async startListener(): Promise<void> {
    const url = (this.options.dataSource.options as { url?: string }).url;
    const client = new Client({ connectionString: url, application_name: `outbox-relay:${this.options.schema}` });
    client.on('notification', (message) => {
      if (message.payload === this.options.schema) this.wake.signal();
    });
    client.on('error', (error) => {
      // Polling carries on without the listener; reconnect in the background.
      this.options.logger.warn({ err: error }, 'outbox listener lost its connection');
      if (this.listener === client) this.listener = undefined;
      setTimeout(() => {
        if (this.running && !this.listener) this.startListener().catch(() => undefined);
      }, 1_000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'outbox listener unavailable; relying on polling');
      await client.end().catch(() => undefined);
    }
  }
}
