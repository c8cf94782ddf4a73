/** The tenants metering has heard of, with their status; every query names the tenant. */
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MeteredTenantStatus } from './tenant-status';

export interface TenantScope {
  tenantId: string;
}

export abstract class TenantProjectionRepository {
  abstract statuses(tenantIds: readonly string[]): Promise<Map<string, MeteredTenantStatus>>;
  abstract status(scope: TenantScope): Promise<MeteredTenantStatus | undefined>;
  abstract record(scope: TenantScope & { status: MeteredTenantStatus; at: Date }, tx: EntityManager): Promise<void>;
}

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

  async record(change: TenantScope & { status: MeteredTenantStatus; at: Date }, tx: EntityManager): Promise<void> {
    // Lifecycle events are keyed by tenant, so they arrive in order; `deleted` is final all the same.
    await tx.query(
      `INSERT INTO tenant (tenant_id, status, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at
       WHERE tenant.status <> 'deleted'`,
      [change.tenantId, change.status, change.at],
    );
  }
}
