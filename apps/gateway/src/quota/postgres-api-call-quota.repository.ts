/** The quota tables on PostgreSQL (gateway.api_call_blocks and api_call_limits). */
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiCallBlock, KnownApiCallLimit } from './api-call-block.row';
import { ApiCallQuotaRepository } from './api-call-quota.repository';

interface BlockRow {
  tenant_id: string;
  limit_value: string;
  period_start: Date;
  reset_at: Date;
}

function toBlock(row: BlockRow): ApiCallBlock {
  return { tenantId: row.tenant_id, limit: row.limit_value, periodStart: row.period_start, resetAt: row.reset_at };
}

const BLOCK_COLUMNS = `tenant_id, limit_value::text AS limit_value, period_start, reset_at`;

@Injectable()
export class PostgresApiCallQuotaRepository extends ApiCallQuotaRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async activeBlock(scope: TenantScope, now: Date): Promise<ApiCallBlock | undefined> {
    const rows = (await this.dataSource.query(`SELECT ${BLOCK_COLUMNS} FROM api_call_blocks WHERE tenant_id = $1 AND reset_at > $2`, [scope.tenantId, now])) as BlockRow[];
    return rows[0] ? toBlock(rows[0]) : undefined;
  }

  async lockTenant(tx: Transaction, scope: TenantScope): Promise<void> {
    await entityManagerOf(tx).query(`SELECT pg_advisory_xact_lock(hashtextextended('gateway.quota:' || $1, 0))`, [scope.tenantId]);
  }

  async findBlock(tx: Transaction, scope: TenantScope): Promise<ApiCallBlock | null> {
    const rows = (await entityManagerOf(tx).query(`SELECT ${BLOCK_COLUMNS} FROM api_call_blocks WHERE tenant_id = $1`, [scope.tenantId])) as BlockRow[];
    return rows[0] ? toBlock(rows[0]) : null;
  }

  async block(tx: Transaction, block: ApiCallBlock, at: Date): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO api_call_blocks (tenant_id, limit_value, period_start, reset_at, blocked_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id) DO UPDATE SET limit_value = EXCLUDED.limit_value, period_start = EXCLUDED.period_start, reset_at = EXCLUDED.reset_at, blocked_at = EXCLUDED.blocked_at
       WHERE api_call_blocks.reset_at <= EXCLUDED.reset_at`,
      [block.tenantId, block.limit, block.periodStart, block.resetAt, at],
    );
  }

  async lift(tx: Transaction, scope: TenantScope): Promise<void> {
    await entityManagerOf(tx).query(`DELETE FROM api_call_blocks WHERE tenant_id = $1`, [scope.tenantId]);
  }

  async knownLimit(tx: Transaction, scope: TenantScope): Promise<KnownApiCallLimit | null> {
    const rows = (await entityManagerOf(tx).query(`SELECT tenant_id, version, limit_value::text AS limit_value, mode FROM api_call_limits WHERE tenant_id = $1`, [scope.tenantId])) as {
      tenant_id: string;
      version: number;
      limit_value: string | null;
      mode: 'soft' | 'hard' | null;
    }[];
    const row = rows[0];
    return row ? { tenantId: row.tenant_id, version: row.version, limit: row.limit_value, mode: row.mode } : null;
  }

  async saveKnownLimit(tx: Transaction, known: KnownApiCallLimit): Promise<boolean> {
    const rows = (await entityManagerOf(tx).query(
      `INSERT INTO api_call_limits (tenant_id, version, limit_value, mode) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id) DO UPDATE SET version = EXCLUDED.version, limit_value = EXCLUDED.limit_value, mode = EXCLUDED.mode, updated_at = now()
       WHERE api_call_limits.version < EXCLUDED.version
       RETURNING tenant_id`,
      [known.tenantId, known.version, known.limit, known.mode],
    )) as unknown[];
    return rows.length > 0;
  }
}
