/** Raw SQL against tenant_registry.maintenance_windows. */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MaintenanceScope } from '@tenantry/contracts';
import { entityManagerOf, Transaction } from '@tenantry/persistence';
import { MaintenanceStatus, MaintenanceWindow } from './maintenance-window.row';
import { MaintenanceRepository } from './maintenance.repository';

interface Row {
  id: string;
  scope: MaintenanceScope;
  plan_id: string | null;
  tenant_id: string | null;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  emergency: boolean;
  status: MaintenanceStatus;
  ended_at: Date | null;
  actor: string;
  bulk_job_id: string | null;
  created_at: Date;
}

const toWindow = (row: Row): MaintenanceWindow => ({
  id: row.id,
  scope: row.scope,
  planId: row.plan_id,
  tenantId: row.tenant_id,
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  reason: row.reason,
  emergency: row.emergency,
  status: row.status,
  endedAt: row.ended_at,
  actor: row.actor,
  bulkJobId: row.bulk_job_id,
  createdAt: row.created_at,
});

/** Bounded: a plan's tenants named in one event. */
const MAX_PLAN_TENANTS = 10_000;

@Injectable()
export class PostgresMaintenanceRepository extends MaintenanceRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async insert(tx: Transaction, w: MaintenanceWindow): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO maintenance_windows (id, scope, plan_id, tenant_id, starts_at, ends_at, reason, emergency, status, ended_at, actor, bulk_job_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [w.id, w.scope, w.planId, w.tenantId, w.startsAt, w.endsAt, w.reason, w.emergency, w.status, w.endedAt, w.actor, w.bulkJobId, w.createdAt],
    );
  }

  async find(id: string, tx?: Transaction): Promise<MaintenanceWindow | null> {
    const rows = (await (tx ? entityManagerOf(tx) : this.dataSource.manager).query(`SELECT * FROM maintenance_windows WHERE id = $1`, [id])) as Row[];
    return rows[0] ? toWindow(rows[0]) : null;
  }

  async lock(tx: Transaction, id: string): Promise<MaintenanceWindow | null> {
    const rows = (await entityManagerOf(tx).query(`SELECT * FROM maintenance_windows WHERE id = $1 FOR UPDATE`, [id])) as Row[];
    return rows[0] ? toWindow(rows[0]) : null;
  }

  async open(): Promise<MaintenanceWindow[]> {
    return ((await this.dataSource.query(`SELECT * FROM maintenance_windows WHERE status IN ('scheduled', 'active') ORDER BY starts_at, id LIMIT 1000`)) as Row[]).map(toWindow);
  }

  async lockDue(tx: Transaction, now: Date, limit: number): Promise<MaintenanceWindow[]> {
    const rows = (await entityManagerOf(tx).query(
      `SELECT * FROM maintenance_windows
        WHERE (status = 'scheduled' AND starts_at <= $1) OR (status = 'active' AND ends_at <= $1)
        ORDER BY starts_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    )) as Row[];
    return rows.map(toWindow);
  }

  async setStatus(tx: Transaction, id: string, status: MaintenanceStatus, endedAt: Date | null, endsAt?: Date): Promise<void> {
    await entityManagerOf(tx).query(`UPDATE maintenance_windows SET status = $2, ended_at = $3, ends_at = COALESCE($4, ends_at) WHERE id = $1`, [id, status, endedAt, endsAt ?? null]);
  }

  async tenantIdsOnPlan(planId: string, tx?: Transaction): Promise<string[]> {
    const rows = (await (tx ? entityManagerOf(tx) : this.dataSource.manager).query(`SELECT id FROM tenants WHERE plan_id = $1 AND status NOT IN ('deleted') ORDER BY id LIMIT ${MAX_PLAN_TENANTS}`, [planId])) as { id: string }[];
    return rows.map((row) => row.id);
  }
}
