/** The audit log on PostgreSQL (gateway.audit_log): append-only, read newest first with a keyset cursor. */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEntry, NewAuditEntry } from './audit-entry.row';
import { AuditPageQuery, AuditRepository } from './audit.repository';

interface Row {
  id: string;
  api_key_id: string | null;
  role: string | null;
  method: string;
  route: string;
  path: string;
  status: number;
  tenant_id: string | null;
  request_id: string;
  correlation_id: string | null;
  impersonation_id: string | null;
  actor_role: string | null;
  at: Date;
}

@Injectable()
export class PostgresAuditRepository extends AuditRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async append(entry: NewAuditEntry): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_log (api_key_id, role, method, route, path, status, tenant_id, request_id, correlation_id, impersonation_id, actor_role, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [entry.apiKeyId, entry.role, entry.method, entry.route, entry.path, entry.status, entry.tenantId, entry.requestId, entry.correlationId, entry.impersonationId, entry.actorRole, entry.at],
    );
  }

  async page(query: AuditPageQuery): Promise<AuditEntry[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM audit_log
       WHERE ($1::bigint IS NULL OR id < $1::bigint) AND ($2::uuid IS NULL OR tenant_id = $2::uuid)
       ORDER BY id DESC LIMIT $3`,
      [query.before ?? null, query.tenantId ?? null, query.limit + 1],
    )) as Row[];
    return rows.map((row) => ({
      id: String(row.id),
      apiKeyId: row.api_key_id,
      role: row.role,
      method: row.method,
      route: row.route,
      path: row.path,
      status: row.status,
      tenantId: row.tenant_id,
      requestId: row.request_id,
      correlationId: row.correlation_id,
      impersonationId: row.impersonation_id,
      actorRole: row.actor_role,
      at: row.at,
    }));
  }
}
