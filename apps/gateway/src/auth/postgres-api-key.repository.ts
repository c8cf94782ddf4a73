/** API keys on PostgreSQL (gateway.api_keys). */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKey } from './api-key.row';
import { Role } from './roles';
import { NewApiKey, ApiKeyRepository } from './api-key.repository';

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  key_hash: string;
  role: Role;
  tenant_id: string | null;
  bootstrap: boolean;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

function toEntity(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    keyHash: row.key_hash,
    role: row.role,
    tenantId: row.tenant_id,
    bootstrap: row.bootstrap,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

@Injectable()
export class PostgresApiKeyRepository extends ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async insert(key: NewApiKey): Promise<ApiKey> {
    const rows = (await this.dataSource.query(
      `INSERT INTO api_keys (id, name, prefix, key_hash, role, tenant_id, bootstrap, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [key.id, key.name, key.prefix, key.keyHash, key.role, key.tenantId, key.bootstrap, key.createdAt],
    )) as ApiKeyRow[];
    return toEntity(rows[0] as ApiKeyRow);
  }

  async findActiveByHash(keyHash: string): Promise<ApiKey | undefined> {
    const rows = (await this.dataSource.query(`SELECT * FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`, [keyHash])) as ApiKeyRow[];
    return rows[0] ? toEntity(rows[0]) : undefined;
  }

  async findByHash(keyHash: string): Promise<ApiKey | undefined> {
    const rows = (await this.dataSource.query(`SELECT * FROM api_keys WHERE key_hash = $1`, [keyHash])) as ApiKeyRow[];
    return rows[0] ? toEntity(rows[0]) : undefined;
  }

  async list(): Promise<ApiKey[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM api_keys ORDER BY created_at, id`)) as ApiKeyRow[];
    return rows.map(toEntity);
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [, affected] = (await this.dataSource.query(`UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1`, [id, at])) as [unknown[], number];
    return affected > 0;
  }

  async reinstate(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE api_keys SET revoked_at = NULL WHERE id = $1`, [id]);
  }

  async hasActiveAdmin(): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM api_keys WHERE role = 'platform-admin' AND revoked_at IS NULL LIMIT 1`)) as unknown[];
    return rows.length > 0;
  }

  async withBootstrapLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('gateway.bootstrap-admin-key'))`);
      return fn();
    });
  }

  async touch(id: string, at: Date): Promise<void> {
    // Only once a minute per key, so authentication does not write on every request.
    await this.dataSource.query(`UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`, [id, at]);
  }
}
