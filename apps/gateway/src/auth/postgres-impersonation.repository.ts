/** Impersonations on PostgreSQL (gateway.impersonations). */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { entityManagerOf, Transaction } from '@tenantry/persistence';
import { Impersonation } from './impersonation.row';
import { ImpersonationRepository } from './impersonation.repository';
import { Role } from './roles';

interface Row {
  id: string;
  tenant_id: string;
  actor_key_id: string;
  actor_role: Role;
  reason: string;
  write: boolean;
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
}

function toImpersonation(row: Row): Impersonation {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    actorKeyId: row.actor_key_id,
    actorRole: row.actor_role,
    reason: row.reason,
    write: row.write,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
  };
}

@Injectable()
export class PostgresImpersonationRepository extends ImpersonationRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async insert(tx: Transaction, i: Omit<Impersonation, 'revokedAt' | 'revokedBy'>): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO impersonations (id, tenant_id, actor_key_id, actor_role, reason, write, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [i.id, i.tenantId, i.actorKeyId, i.actorRole, i.reason, i.write, i.tokenHash, i.createdAt, i.expiresAt],
    );
  }

  async findByHash(tokenHash: string): Promise<Impersonation | undefined> {
    const [row] = (await this.dataSource.query(`SELECT * FROM impersonations WHERE token_hash = $1`, [tokenHash])) as Row[];
    return row ? toImpersonation(row) : undefined;
  }

  async find(id: string): Promise<Impersonation | undefined> {
    const [row] = (await this.dataSource.query(`SELECT * FROM impersonations WHERE id = $1`, [id])) as Row[];
    return row ? toImpersonation(row) : undefined;
  }

  async listForTenant(tenantId: string, limit: number): Promise<Impersonation[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM impersonations WHERE tenant_id = $1 ORDER BY created_at DESC, id LIMIT $2`, [tenantId, limit])) as Row[];
    return rows.map(toImpersonation);
  }

  async revoke(id: string, at: Date, by: string): Promise<Impersonation | undefined> {
    // TypeORM answers an UPDATE … RETURNING on Postgres as [rows, affected].
    const result = (await this.dataSource.query(
      `UPDATE impersonations SET revoked_at = COALESCE(revoked_at, $2), revoked_by = COALESCE(revoked_by, $3) WHERE id = $1 RETURNING *`,
      [id, at, by],
    )) as unknown[];
    const rows = (Array.isArray(result[0]) ? result[0] : result) as Row[];
    return rows[0] ? toImpersonation(rows[0]) : undefined;
  }
}
