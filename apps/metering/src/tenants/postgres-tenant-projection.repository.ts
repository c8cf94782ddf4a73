/** The tenant projection on PostgreSQL (metering.tenant). */
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MeteredTenantStatus } from './tenant-status';
import { TenantProjectionRepository } from './tenant-projection.repository';

@Injectable()
export class PostgresTenantProjectionRepository extends TenantProjectionRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async statuses(tenantIds: readonly string[]): Promise<Map<string, MeteredTenantStatus>> {
    if (tenantIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(`SELECT tenant_id, status FROM tenant WHERE tenant_id = ANY($1::uuid[])`, [tenantIds])) as {
      tenant_id: string;
      status: MeteredTenantStatus;
    }[];
    return new Map(rows.map((row) => [row.tenant_id, row.status]));
  }

  async status(scope: TenantScope): Promise<MeteredTenantStatus | undefined> {
    return (await this.statuses([scope.tenantId])).get(scope.tenantId);
  }

  async record(tx: Transaction, change: TenantScope & { status: MeteredTenantStatus; at: Date }): Promise<void> {
    // Lifecycle events are keyed by tenant, so they arrive in order; `deleted` is final all the same.
    await entityManagerOf(tx).query(
      `INSERT INTO tenant (tenant_id, status, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at
       WHERE tenant.status <> 'deleted'`,
      [change.tenantId, change.status, change.at],
    );
  }
}
