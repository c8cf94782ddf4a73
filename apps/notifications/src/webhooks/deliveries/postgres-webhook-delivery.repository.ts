/** Webhook events, deliveries and attempts on PostgreSQL (notifications.webhook_*). */
import { Injectable } from '@nestjs/common';
import type { WebhookDeliveryStatus } from '@tenantry/notifications-api';
import { entityManagerOf, Transaction } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { EndpointAccess } from '../endpoints/endpoint-access';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { ClaimedDelivery, WebhookAttempt, WebhookDelivery, WebhookDeliveryWithAttempts, WebhookEvent } from './webhook-delivery.row';

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  tenant_id: string | null;
  event_id: string;
  event_type: string;
  body: string;
  status: WebhookDeliveryStatus;
  attempt_count: number;
  next_attempt_at: Date | null;
  created_at: Date;
}

interface AttemptRow {
  delivery_id: string;
  attempted_at: Date;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  response_excerpt: string | null;
}

const COLUMNS = 'd.id, d.endpoint_id, d.tenant_id, d.event_id, d.event_type, d.body, d.status, d.attempt_count, d.next_attempt_at, d.created_at';

const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id, endpointId: r.endpoint_id, tenantId: r.tenant_id, eventId: r.event_id, eventType: r.event_type, body: r.body, status: r.status,
  attemptCount: r.attempt_count, nextAttemptAt: r.next_attempt_at === null ? null : new Date(r.next_attempt_at), createdAt: new Date(r.created_at),
});
const toAttempt = (r: AttemptRow): WebhookAttempt => ({
  attemptedAt: new Date(r.attempted_at), statusCode: r.status_code, latencyMs: r.latency_ms, error: r.error, responseExcerpt: r.response_excerpt,
});

function accessClause(access: EndpointAccess, params: unknown[]): string {
  if (access.tenantId === null) return '';
  params.push(access.tenantId);
  return ` AND d.tenant_id = $${params.length}`;
}

@Injectable()
export class PostgresWebhookDeliveryRepository extends WebhookDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async saveEvents(tx: Transaction, events: readonly WebhookEvent[]): Promise<void> {
    if (events.length === 0) return;
    await entityManagerOf(tx).query(
      `INSERT INTO webhook_events (id, type, tenant_id, occurred_at, body)
       SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::timestamptz[], $5::text[]) ON CONFLICT (id) DO NOTHING`,
      [events.map((e) => e.id), events.map((e) => e.type), events.map((e) => e.tenantId), events.map((e) => e.occurredAt.toISOString()), events.map((e) => e.body)],
    );
  }

  async insertDeliveries(tx: Transaction, deliveries: readonly WebhookDelivery[]): Promise<number> {
    if (deliveries.length === 0) return 0;
    const rows = (await entityManagerOf(tx).query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, tenant_id, event_id, event_type, body, status, attempt_count, next_attempt_at, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::timestamptz[], $10::timestamptz[])
       ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING id`,
      [
        deliveries.map((d) => d.id), deliveries.map((d) => d.endpointId), deliveries.map((d) => d.tenantId), deliveries.map((d) => d.eventId), deliveries.map((d) => d.eventType),
        deliveries.map((d) => d.body), deliveries.map((d) => d.status), deliveries.map((d) => d.attemptCount), deliveries.map((d) => d.nextAttemptAt?.toISOString() ?? null),
        deliveries.map((d) => d.createdAt.toISOString()),
      ],
    )) as { id: string }[];
    return rows.length;
  }

  async eventsBetween(from: Date, to: Date, tenantId: string | null, limit: number): Promise<WebhookEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, type, tenant_id, occurred_at, body FROM webhook_events
        WHERE occurred_at >= $1 AND occurred_at < $2 AND ($3::uuid IS NULL OR tenant_id = $3 OR tenant_id IS NULL)
        ORDER BY occurred_at, id LIMIT $4`,
      [from.toISOString(), to.toISOString(), tenantId, limit],
    )) as { id: string; type: string; tenant_id: string | null; occurred_at: Date; body: string }[];
    return rows.map((r) => ({ id: r.id, type: r.type, tenantId: r.tenant_id, occurredAt: new Date(r.occurred_at), body: r.body }));
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    const [rows] = (await this.dataSource.query(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
          WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND e.enabled
          ORDER BY d.next_attempt_at LIMIT $3 FOR UPDATE OF d SKIP LOCKED)
       UPDATE webhook_deliveries d SET next_attempt_at = $2 FROM due, webhook_endpoints e
        WHERE d.id = due.id AND e.id = d.endpoint_id
       RETURNING ${COLUMNS}, e.url, e.secret_sealed, e.previous_secret_sealed, e.previous_secret_expires_at`,
      [now.toISOString(), leaseUntil.toISOString(), limit],
    )) as [(DeliveryRow & { url: string; secret_sealed: string; previous_secret_sealed: string | null; previous_secret_expires_at: Date | null })[], number];
    return rows.map((r) => ({
      delivery: toDelivery(r),
      url: r.url,
      secretSealed: r.secret_sealed,
      previousSecretSealed: r.previous_secret_sealed,
      previousSecretExpiresAt: r.previous_secret_expires_at === null ? null : new Date(r.previous_secret_expires_at),
    }));
  }

  async addAttempt(tx: Transaction, deliveryId: string, a: WebhookAttempt): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, latency_ms, error, response_excerpt) VALUES ($1, $2, $3, $4, $5, $6)`,
      [deliveryId, a.attemptedAt.toISOString(), a.statusCode, a.latencyMs, a.error, a.responseExcerpt],
    );
  }

  async lock(tx: Transaction, id: string): Promise<WebhookDelivery | undefined> {
    const rows = (await entityManagerOf(tx).query(`SELECT ${COLUMNS} FROM webhook_deliveries d WHERE d.id = $1 FOR UPDATE`, [id])) as DeliveryRow[];
    return rows[0] && toDelivery(rows[0]);
  }

  async saveState(tx: Transaction, d: Pick<WebhookDelivery, 'id' | 'status' | 'attemptCount' | 'nextAttemptAt'>): Promise<void> {
    await entityManagerOf(tx).query(`UPDATE webhook_deliveries SET status = $2, attempt_count = $3, next_attempt_at = $4 WHERE id = $1`, [d.id, d.status, d.attemptCount, d.nextAttemptAt?.toISOString() ?? null]);
  }

  async requeueFailed(tx: Transaction, endpointId: string, eventIds: readonly string[], now: Date): Promise<number> {
    if (eventIds.length === 0) return 0;
    const [, count] = (await entityManagerOf(tx).query(
      `UPDATE webhook_deliveries SET status = 'pending', attempt_count = 0, next_attempt_at = $3 WHERE endpoint_id = $1 AND event_id = ANY($2::text[]) AND status = 'failed'`,
      [endpointId, eventIds, now.toISOString()],
    )) as [unknown, number];
    return count;
  }

  async list(access: EndpointAccess, endpointId: string, limit: number): Promise<WebhookDeliveryWithAttempts[]> {
    const params: unknown[] = [endpointId, limit];
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM webhook_deliveries d WHERE d.endpoint_id = $1${accessClause(access, params)} ORDER BY d.created_at DESC, d.id LIMIT $2`,
      params,
    )) as DeliveryRow[];
    return this.withAttempts(rows.map(toDelivery));
  }

  async find(access: EndpointAccess, id: string): Promise<WebhookDeliveryWithAttempts | undefined> {
    const params: unknown[] = [id];
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM webhook_deliveries d WHERE d.id = $1${accessClause(access, params)}`, params)) as DeliveryRow[];
    const [found] = await this.withAttempts(rows.map(toDelivery));
    return found;
  }

  async prune(before: Date): Promise<{ events: number; deliveries: number }> {
    const [, events] = (await this.dataSource.query(`DELETE FROM webhook_events WHERE occurred_at < $1`, [before.toISOString()])) as [unknown, number];
    const [, deliveries] = (await this.dataSource.query(`DELETE FROM webhook_deliveries WHERE created_at < $1 AND status <> 'pending'`, [before.toISOString()])) as [unknown, number];
    return { events, deliveries };
  }

  private async withAttempts(deliveries: WebhookDelivery[]): Promise<WebhookDeliveryWithAttempts[]> {
    if (deliveries.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT delivery_id, attempted_at, status_code, latency_ms, error, response_excerpt FROM webhook_attempts WHERE delivery_id = ANY($1::uuid[]) ORDER BY id`,
      [deliveries.map((d) => d.id)],
    )) as AttemptRow[];
    const byDelivery = new Map<string, WebhookAttempt[]>();
    for (const row of rows) byDelivery.set(row.delivery_id, [...(byDelivery.get(row.delivery_id) ?? []), toAttempt(row)]);
    return deliveries.map((d) => ({ ...d, attempts: byDelivery.get(d.id) ?? [] }));
  }
}
