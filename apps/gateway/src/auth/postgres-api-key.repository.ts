/** API keys on PostgreSQL (gateway.api_keys). */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { HashScheme } from './api-key-secrets';
import { ApiKey, RevocationReason } from './api-key.row';
import { Role } from './roles';
import { ApiKeyRepository, LAST_USED_RESOLUTION_MS, NewApiKey } from './api-key.repository';

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string | null;
  key_hash: string;
  hash_scheme: HashScheme;
  role: Role;
  tenant_id: string | null;
  bootstrap: boolean;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_reason: RevocationReason | null;
}

function toEntity(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    keyHash: row.key_hash,
    hashScheme: row.hash_scheme,
    role: row.role,
    tenantId: row.tenant_id,
    bootstrap: row.bootstrap,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    revokedReason: row.revoked_reason,
  };
}

@Injectable()
export class PostgresApiKeyRepository extends ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async insert(key: NewApiKey, tx?: Transaction): Promise<ApiKey> {
    const runner = tx ? entityManagerOf(tx) : this.dataSource;
    const rows = (await runner.query(
      `INSERT INTO api_keys (id, name, prefix, key_hash, hash_scheme, role, tenant_id, bootstrap, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [key.id, key.name, key.prefix, key.keyHash, key.hashScheme, key.role, key.tenantId, key.bootstrap, key.createdAt],
    )) as ApiKeyRow[];
    return toEntity(rows[0] as ApiKeyRow);
  }

  async findByHashes(keyHashes: string[], options: { activeOnly: boolean }): Promise<ApiKey | undefined> {
    // The first hash is the current scheme's: a row already stored under it wins over an older one.
    const rows = (await this.dataSource.query(
      `SELECT * FROM api_keys WHERE key_hash = ANY($1::text[]) ${options.activeOnly ? 'AND revoked_at IS NULL' : ''} ORDER BY key_hash = $1[1] DESC LIMIT 1`,
      [keyHashes],
    )) as ApiKeyRow[];
    return rows[0] ? toEntity(rows[0]) : undefined;
  }

  async rehash(id: string, fromHash: string, toHash: string, scheme: HashScheme): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(`UPDATE api_keys SET key_hash = $3, hash_scheme = $4 WHERE id = $1 AND key_hash = $2`, [id, fromHash, toHash, scheme])) as [
      unknown[],
      number,
    ];
    return affected > 0;
  }

  async list(): Promise<ApiKey[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM api_keys ORDER BY created_at, id`)) as ApiKeyRow[];
    return rows.map(toEntity);
  }

  async revoke(id: string, at: Date, reason: RevocationReason): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [, affected] = (await this.dataSource.query(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2), revoked_reason = CASE WHEN revoked_at IS NULL THEN $3 ELSE revoked_reason END WHERE id = $1`,
      [id, at, reason],
    )) as [unknown[], number];
    return affected > 0;
  }

  async revokeTenantKeys(tx: Transaction, scope: TenantScope, at: Date, reason: RevocationReason): Promise<number> {
    const [, affected] = (await entityManagerOf(tx).query(`UPDATE api_keys SET revoked_at = $2, revoked_reason = $3 WHERE tenant_id = $1 AND revoked_at IS NULL`, [
      scope.tenantId,
      at,
      reason,
    ])) as [unknown[], number];
    return affected;
  }

  async lockTenantKeys(tx: Transaction, scope: TenantScope): Promise<void> {
    await entityManagerOf(tx).query(`SELECT pg_advisory_xact_lock(hashtextextended('gateway.tenant-keys:' || $1, 0))`, [scope.tenantId]);
  }

  async reinstate(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE api_keys SET revoked_at = NULL, revoked_reason = NULL WHERE id = $1`, [id]);
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
    await this.dataSource.query(`UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $2::timestamptz - make_interval(secs => $3))`, [
      id,
      at,
      LAST_USED_RESOLUTION_MS / 1000,
    ]);
  }
}
