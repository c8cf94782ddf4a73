/** Idempotency records on PostgreSQL (gateway.idempotency_keys): the primary key is the lock. */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdempotencyRecord, StoredResponse } from './idempotency-record.row';
import { IdempotencyScope, IdempotencyRepository } from './idempotency.repository';

interface Row {
  api_key_id: string;
  idempotency_key: string;
  request_hash: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
  created_at: Date;
  expires_at: Date;
}

@Injectable()
export class PostgresIdempotencyRepository extends IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async claim(scope: IdempotencyScope, requestHash: string, now: Date, expiresAt: Date): Promise<boolean> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE api_key_id = $1 AND idempotency_key = $2 AND expires_at <= $3`, [scope.apiKeyId, scope.key, now]);
    const rows = (await this.dataSource.query(
      `INSERT INTO idempotency_keys (api_key_id, idempotency_key, request_hash, state, created_at, expires_at)
       VALUES ($1, $2, $3, 'in_progress', $4, $5) ON CONFLICT DO NOTHING RETURNING 1`,
      [scope.apiKeyId, scope.key, requestHash, now, expiresAt],
    )) as unknown[];
    return rows.length === 1;
  }

  async find(scope: IdempotencyScope): Promise<IdempotencyRecord | undefined> {
    const rows = (await this.dataSource.query(`SELECT * FROM idempotency_keys WHERE api_key_id = $1 AND idempotency_key = $2`, [scope.apiKeyId, scope.key])) as Row[];
    const row = rows[0];
    if (!row) return undefined;
    return {
      apiKeyId: row.api_key_id,
      key: row.idempotency_key,
      requestHash: row.request_hash,
      state: row.state,
      response: row.response_status === null ? null : { status: row.response_status, headers: row.response_headers ?? {}, body: row.response_body ?? '' },
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_headers = $4, response_body = $5
       WHERE api_key_id = $1 AND idempotency_key = $2`,
      [scope.apiKeyId, scope.key, response.status, JSON.stringify(response.headers), response.body],
    );
  }

  async release(scope: IdempotencyScope, createdAt?: Date): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE api_key_id = $1 AND idempotency_key = $2 AND state = 'in_progress' AND ($3::timestamptz IS NULL OR created_at = $3)`,
      [scope.apiKeyId, scope.key, createdAt ?? null],
    );
  }

  async pruneExpired(now: Date): Promise<number> {
    const [, count] = (await this.dataSource.query(`DELETE FROM idempotency_keys WHERE expires_at <= $1`, [now])) as [unknown[], number];
    return count;
  }
}
