/** The tenant_status projection table. */
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TenantStatus } from '@tenantry/contracts';
import { TenantStatusEntity } from './tenant-status.entity';

@Injectable()
export class TenantStatusRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(tenantId: string): Promise<TenantStatusEntity | undefined> {
    const rows = (await this.dataSource.query(`SELECT tenant_id, status, changed_at FROM tenant_status WHERE tenant_id = $1`, [tenantId])) as {
      tenant_id: string;
      status: TenantStatus;
      changed_at: Date;
    }[];
    const row = rows[0];
    return row ? { tenantId: row.tenant_id, status: row.status, changedAt: row.changed_at } : undefined;
  }

  /**
   * Keeps the newest transition. One tenant's events arrive in order (keyed by tenant id), but
   * `TenantCreated` carries no status of its own and must never overwrite a later one.
   */
  async record(tx: EntityManager, entity: TenantStatusEntity): Promise<void> {
    await tx.query(
      `INSERT INTO tenant_status (tenant_id, status, changed_at) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET status = EXCLUDED.status, changed_at = EXCLUDED.changed_at, updated_at = now()
       WHERE tenant_status.changed_at <= EXCLUDED.changed_at`,
      [entity.tenantId, entity.status, entity.changedAt],
    );
  }
}
