/** Deliveries on PostgreSQL (notifications.email_deliveries). */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { Delivery, DeliveryFilter, DeliveryRepository, NewDelivery } from './delivery.repository';

interface Row {
  id: string;
  dedup_key: string;
  tenant_id: string | null;
  type: string;
  category: string;
  critical: boolean;
  recipient: string;
  event_id: string;
  data: Record<string, unknown>;
  status: Delivery['status'];
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  message_id: string | null;
  created_at: Date;
  sent_at: Date | null;
  seq: string;
}

const toDelivery = (r: Row): Delivery => ({
  id: r.id, dedupKey: r.dedup_key, tenantId: r.tenant_id, type: r.type, category: r.category, critical: r.critical, recipient: r.recipient, eventId: r.event_id,
  data: r.data, status: r.status, attempts: r.attempts, nextAttemptAt: new Date(r.next_attempt_at), lastError: r.last_error, messageId: r.message_id,
  createdAt: new Date(r.created_at), sentAt: r.sent_at && new Date(r.sent_at), seq: String(r.seq),
});

@Injectable()
export class PostgresDeliveryRepository extends DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async insert(tx: Transaction, d: NewDelivery): Promise<boolean> {
    const rows = (await entityManagerOf(tx).query(
      `INSERT INTO email_deliveries (id, dedup_key, tenant_id, type, category, critical, recipient, event_id, data, status, next_attempt_at, created_at, last_error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
      [d.id, d.dedupKey, d.tenantId, d.type, d.category, d.critical, d.recipient.toLowerCase(), d.eventId, JSON.stringify(d.data), d.status, d.nextAttemptAt.toISOString(), d.createdAt.toISOString(), d.lastError ?? null],
    )) as { id: string }[];
    return rows.length > 0;
  }

  async digestSlot(tx: Transaction, scope: TenantScope, recipient: string, category: string): Promise<{ lastSentAt?: Date; waitingUntil?: Date }> {
    const rows = (await entityManagerOf(tx).query(
      `SELECT max(CASE WHEN status = 'delivered' THEN sent_at WHEN status = 'sending' THEN now() END) AS last_sent,
              min(CASE WHEN status = 'pending' THEN next_attempt_at END) AS waiting
       FROM email_deliveries WHERE tenant_id = $1 AND recipient = $2 AND category = $3 AND status IN ('delivered', 'sending', 'pending')`,
      [scope.tenantId, recipient.toLowerCase(), category],
    )) as { last_sent: Date | null; waiting: Date | null }[];
    const row = rows[0];
    return { ...(row?.last_sent ? { lastSentAt: new Date(row.last_sent) } : {}), ...(row?.waiting ? { waitingUntil: new Date(row.waiting) } : {}) };
  }

  async due(now: Date, limit: number): Promise<Delivery[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM email_deliveries WHERE status IN ('pending', 'sending') AND next_attempt_at <= $1 ORDER BY next_attempt_at, seq LIMIT $2`,
      [now.toISOString(), limit],
    )) as Row[];
    return rows.map(toDelivery);
  }

  async claim(tx: Transaction, ids: string[], now: Date, leaseUntil: Date): Promise<Delivery[]> {
    const [rows] = (await entityManagerOf(tx).query(
      `UPDATE email_deliveries SET status = 'sending', attempts = attempts + 1, next_attempt_at = $3
       WHERE id = ANY($1::uuid[]) AND status IN ('pending', 'sending') AND next_attempt_at <= $2 RETURNING *`,
      [ids, now.toISOString(), leaseUntil.toISOString()],
    )) as [Row[], number];
    return rows.map(toDelivery).sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq)));
  }

  async delivered(tx: Transaction, ids: string[], messageId: string, at: Date): Promise<void> {
    await entityManagerOf(tx).query(`UPDATE email_deliveries SET status = 'delivered', message_id = $2, sent_at = $3, last_error = NULL WHERE id = ANY($1::uuid[])`, [ids, messageId, at.toISOString()]);
  }

  async retryLater(tx: Transaction, ids: string[], error: string, at: Date): Promise<void> {
    await entityManagerOf(tx).query(`UPDATE email_deliveries SET status = 'pending', last_error = $2, next_attempt_at = $3 WHERE id = ANY($1::uuid[])`, [ids, error, at.toISOString()]);
  }

  async failed(tx: Transaction, ids: string[], error: string): Promise<void> {
    await entityManagerOf(tx).query(`UPDATE email_deliveries SET status = 'failed', last_error = $2 WHERE id = ANY($1::uuid[])`, [ids, error]);
  }

  async list(f: DeliveryFilter): Promise<Delivery[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.tenantId) add('tenant_id = ?', f.tenantId);
    if (f.type) add('type = ?', f.type);
    if (f.status) add('status = ?', f.status);
    if (f.before) add('seq < ?', f.before);
    params.push(f.limit);
    const rows = (await this.dataSource.query(`SELECT * FROM email_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.length}`, params)) as Row[];
    return rows.map(toDelivery);
  }
}
