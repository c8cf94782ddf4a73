/** Webhook endpoints on PostgreSQL (notifications.webhook_endpoints). */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, Transaction } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { EndpointAccess } from './endpoint-access';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { WebhookEndpoint } from './webhook-endpoint.row';

interface EndpointRow {
  id: string;
  tenant_id: string | null;
  url: string;
  event_types: string[];
  description: string;
  enabled: boolean;
  disabled_reason: string | null;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
  failing_since: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, tenant_id, url, event_types, description, enabled, disabled_reason, secret_sealed, previous_secret_sealed, previous_secret_expires_at, failing_since, created_at, updated_at';
const date = (value: Date | null) => (value === null ? null : new Date(value));

const toEndpoint = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id, tenantId: r.tenant_id, url: r.url, eventTypes: r.event_types, description: r.description, enabled: r.enabled, disabledReason: r.disabled_reason,
  secretSealed: r.secret_sealed, previousSecretSealed: r.previous_secret_sealed, previousSecretExpiresAt: date(r.previous_secret_expires_at),
  failingSince: date(r.failing_since), createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at),
});

/** `AND tenant_id = $n` for a tenant's access, nothing for the platform's. */
function accessClause(access: EndpointAccess, params: unknown[]): string {
  if (access.tenantId === null) return '';
  params.push(access.tenantId);
  return ` AND tenant_id = $${params.length}`;
}

@Injectable()
export class PostgresWebhookEndpointRepository extends WebhookEndpointRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async insert(tx: Transaction, e: WebhookEndpoint): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO webhook_endpoints (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [e.id, e.tenantId, e.url, e.eventTypes, e.description, e.enabled, e.disabledReason, e.secretSealed, e.previousSecretSealed, e.previousSecretExpiresAt, e.failingSince, e.createdAt, e.updatedAt],
    );
  }

  async find(access: EndpointAccess, id: string, tx?: Transaction): Promise<WebhookEndpoint | undefined> {
    const params: unknown[] = [id];
    const sql = `SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = $1${accessClause(access, params)}${tx ? ' FOR UPDATE' : ''}`;
    const rows = (await (tx ? entityManagerOf(tx) : this.dataSource).query(sql, params)) as EndpointRow[];
    return rows[0] && toEndpoint(rows[0]);
  }

  async list(access: EndpointAccess): Promise<WebhookEndpoint[]> {
    const params: unknown[] = [];
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE true${accessClause(access, params)} ORDER BY created_at, id`, params)) as EndpointRow[];
    return rows.map(toEndpoint);
  }

  async update(tx: Transaction, e: WebhookEndpoint): Promise<void> {
    await entityManagerOf(tx).query(
      `UPDATE webhook_endpoints SET url = $2, event_types = $3, description = $4, enabled = $5, disabled_reason = $6, secret_sealed = $7, previous_secret_sealed = $8,
         previous_secret_expires_at = $9, failing_since = $10, updated_at = $11 WHERE id = $1`,
      [e.id, e.url, e.eventTypes, e.description, e.enabled, e.disabledReason, e.secretSealed, e.previousSecretSealed, e.previousSecretExpiresAt, e.failingSince, e.updatedAt],
    );
  }

  async delete(tx: Transaction, access: EndpointAccess, id: string): Promise<boolean> {
    const params: unknown[] = [id];
    const [, affected] = (await entityManagerOf(tx).query(`DELETE FROM webhook_endpoints WHERE id = $1${accessClause(access, params)}`, params)) as [unknown, number];
    return affected > 0;
  }

  async receiversOf(tx: Transaction, tenantId: string | undefined): Promise<WebhookEndpoint[]> {
    const rows = (await entityManagerOf(tx).query(
      `SELECT ${COLUMNS} FROM webhook_endpoints WHERE enabled AND (tenant_id IS NULL OR tenant_id = $1)`,
      [tenantId ?? null],
    )) as EndpointRow[];
    return rows.map(toEndpoint);
  }
}
