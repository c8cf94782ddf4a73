/** The tenant_status and tenant_plans projections on PostgreSQL. */
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantStatus } from '@tenantry/contracts';
import { TenantPlanRecord, TenantStatusRecord } from './tenant-status.row';
import { TenantStatusRepository } from './tenant-status.repository';

@Injectable()
export class PostgresTenantStatusRepository extends TenantStatusRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async find(scope: TenantScope): Promise<TenantStatusRecord | undefined> {
    const rows = (await this.dataSource.query(`SELECT tenant_id, status, changed_at FROM tenant_status WHERE tenant_id = $1`, [scope.tenantId])) as {
      tenant_id: string;
      status: TenantStatus;
      changed_at: Date;
    }[];
    const row = rows[0];
    return row ? { tenantId: row.tenant_id, status: row.status, changedAt: row.changed_at } : undefined;
  }

  async record(tx: Transaction, entity: TenantStatusRecord): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO tenant_status (tenant_id, status, changed_at) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET status = EXCLUDED.status, changed_at = EXCLUDED.changed_at, updated_at = now()
       WHERE tenant_status.changed_at <= EXCLUDED.changed_at`,
      [entity.tenantId, entity.status, entity.changedAt],
    );
  }

  async findPlan(scope: TenantScope): Promise<string | undefined> {
    const rows = (await this.dataSource.query(`SELECT plan_id FROM tenant_plans WHERE tenant_id = $1`, [scope.tenantId])) as { plan_id: string }[];
    return rows[0]?.plan_id;
  }

  async recordPlan(tx: Transaction, entity: TenantPlanRecord): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO tenant_plans (tenant_id, plan_id, changed_at) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET plan_id = EXCLUDED.plan_id, changed_at = EXCLUDED.changed_at, updated_at = now()
       WHERE tenant_plans.changed_at <= EXCLUDED.changed_at`,
      [entity.tenantId, entity.planId, entity.changedAt],
    );
  }
}
