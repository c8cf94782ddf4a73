/** The limit projection on PostgreSQL (metering.tenant_limit_set and tenant_limit). */
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { Injectable } from '@nestjs/common';
import { LimitMode } from '@tenantry/contracts';
import { DataSource } from 'typeorm';
import { TenantLimit, TenantLimitSet } from './tenant-limit.row';
import { LimitsRepository } from './limits.repository';

@Injectable()
export class PostgresLimitsRepository extends LimitsRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async replace(tx: Transaction, set: TenantLimitSet): Promise<boolean> {
    // The upsert takes the tenant's row lock, so two changes of one tenant cannot interleave.
    const won = (await entityManagerOf(tx).query(
      `INSERT INTO tenant_limit_set AS s (tenant_id, version, changed_at) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at
       WHERE s.version < excluded.version
       RETURNING version`,
      [set.tenantId, set.version, set.changedAt.toISOString()],
    )) as { version: number }[];
    if (won.length === 0) return false;
    await entityManagerOf(tx).query(`DELETE FROM tenant_limit WHERE tenant_id = $1`, [set.tenantId]);
    if (set.limits.length > 0) {
      await entityManagerOf(tx).query(
        `INSERT INTO tenant_limit (tenant_id, metric, limit_value, mode, version)
         SELECT $1, metric, limit_value, mode, $2 FROM unnest($3::text[], $4::numeric[], $5::text[]) AS l(metric, limit_value, mode)`,
        [set.tenantId, set.version, set.limits.map((l) => l.metric), set.limits.map((l) => l.limit), set.limits.map((l) => l.mode)],
      );
    }
    return true;
  }

  async forTenant(scope: TenantScope): Promise<TenantLimit[]> {
    const rows = (await this.dataSource.query(`SELECT metric, limit_value::text AS limit_value, mode FROM tenant_limit WHERE tenant_id = $1 ORDER BY metric`, [scope.tenantId])) as {
      metric: string;
      limit_value: string;
      mode: LimitMode;
    }[];
    return rows.map((row) => ({ metric: row.metric, limit: row.limit_value, mode: row.mode }));
  }
}
