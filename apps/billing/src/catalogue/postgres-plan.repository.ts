/** The plan catalogue on PostgreSQL (billing.plans, billing.plan_versions). */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, Transaction } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { plainDecimal } from '../money/money';
import { UsageCharge } from './charge-models';
import { PlanRepository } from './plan.repository';
import { Plan, PlanVersion } from './plan.row';

interface VersionRow {
  plan_id: string;
  version: number;
  name: string;
  base_price: string;
  trial_days: number | null;
  charges: UsageCharge[];
  created_at: Date;
}

const VERSION_COLUMNS = `v.plan_id, v.version, v.name, v.base_price::text AS base_price, v.trial_days, v.charges, v.created_at`;

export function toPlanVersion(row: VersionRow): PlanVersion {
  return { planId: row.plan_id, version: row.version, name: row.name, basePrice: plainDecimal(row.base_price), trialDays: row.trial_days, charges: row.charges, createdAt: new Date(row.created_at) };
}

@Injectable()
export class PostgresPlanRepository extends PlanRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  private runner(tx?: Transaction) {
    return tx ? entityManagerOf(tx) : this.dataSource;
  }

  async list(): Promise<Plan[]> {
    const rows = (await this.dataSource.query(`SELECT ${VERSION_COLUMNS} FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version ORDER BY v.base_price, p.id`)) as VersionRow[];
    return rows.map((row) => ({ id: row.plan_id, currentVersion: row.version, current: toPlanVersion(row) }));
  }

  async find(planId: string, tx?: Transaction): Promise<Plan | undefined> {
    const rows = (await this.runner(tx).query(`SELECT ${VERSION_COLUMNS} FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version WHERE p.id = $1`, [planId])) as VersionRow[];
    const row = rows[0];
    return row && { id: row.plan_id, currentVersion: row.version, current: toPlanVersion(row) };
  }

  async version(planId: string, version: number, tx?: Transaction): Promise<PlanVersion | undefined> {
    const rows = (await this.runner(tx).query(`SELECT ${VERSION_COLUMNS} FROM plan_versions v WHERE v.plan_id = $1 AND v.version = $2`, [planId, version])) as VersionRow[];
    return rows[0] && toPlanVersion(rows[0]);
  }

  async create(tx: Transaction, first: PlanVersion): Promise<boolean> {
    const inserted = (await entityManagerOf(tx).query(`INSERT INTO plans (id, current_version, created_at, updated_at) VALUES ($1, 1, $2, $2) ON CONFLICT (id) DO NOTHING RETURNING id`, [
      first.planId,
      first.createdAt.toISOString(),
    ])) as unknown[];
    if (inserted.length === 0) return false;
    await this.insertVersion(tx, first);
    return true;
  }

  async lockCurrentVersion(tx: Transaction, planId: string): Promise<number | undefined> {
    const rows = (await entityManagerOf(tx).query(`SELECT current_version FROM plans WHERE id = $1 FOR UPDATE`, [planId])) as { current_version: number }[];
    return rows[0]?.current_version;
  }

  async addVersion(tx: Transaction, next: PlanVersion): Promise<void> {
    await this.insertVersion(tx, next);
    await entityManagerOf(tx).query(`UPDATE plans SET current_version = $2, updated_at = $3 WHERE id = $1`, [next.planId, next.version, next.createdAt.toISOString()]);
  }

  private async insertVersion(tx: Transaction, version: PlanVersion): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO plan_versions (plan_id, version, name, base_price, trial_days, charges, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [version.planId, version.version, version.name, version.basePrice, version.trialDays, JSON.stringify(version.charges), version.createdAt.toISOString()],
    );
  }
}
