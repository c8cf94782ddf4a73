/** Dunning on PostgreSQL (billing.dunning_episodes, billing.dunning_steps; reads invoices and payments). */
import { Injectable } from '@nestjs/common';
import { DunningStep } from '@tenantry/contracts';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { DunningEpisode, DunningRepository, DunningStepTaken, OverdueInvoice } from './dunning.repository';

/** Unpaid finalized invoices with the moment each became overdue: its due date, or its first failed charge if earlier. */
const UNPAID = `
  SELECT i.tenant_id, i.id, LEAST(i.due_at, f.first_failed_at) AS overdue_since
  FROM invoices i
  LEFT JOIN LATERAL (SELECT min(p.settled_at) AS first_failed_at FROM payments p WHERE p.invoice_id = i.id AND p.status = 'failed') f ON true
  WHERE i.status = 'finalized' AND i.payment_status IN ('pending', 'failed')`;

interface EpisodeRow {
  id: string;
  tenant_id: string;
  overdue_since: Date;
  opened_at: Date;
  closed_at: Date | null;
  steps: { step: DunningStep; days_overdue: number; taken_at: string }[] | null;
}

const EPISODE = `
  SELECT e.id, e.tenant_id, e.overdue_since, e.opened_at, e.closed_at,
         (SELECT json_agg(json_build_object('step', s.step, 'days_overdue', s.days_overdue, 'taken_at', s.taken_at) ORDER BY s.taken_at, s.days_overdue)
            FROM dunning_steps s WHERE s.episode_id = e.id) AS steps
  FROM dunning_episodes e`;

const toEpisode = (r: EpisodeRow): DunningEpisode => ({
  id: r.id,
  tenantId: r.tenant_id,
  overdueSince: new Date(r.overdue_since),
  openedAt: new Date(r.opened_at),
  closedAt: r.closed_at && new Date(r.closed_at),
  steps: (r.steps ?? []).map((s) => ({ step: s.step, daysOverdue: s.days_overdue, takenAt: new Date(s.taken_at) })),
});

@Injectable()
export class PostgresDunningRepository extends DunningRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  private run(tx: Transaction | undefined, sql: string, params: unknown[]): Promise<unknown> {
    return tx ? entityManagerOf(tx).query(sql, params) : this.dataSource.query(sql, params);
  }

  async tenantsToReview(now: Date, limit: number, afterTenantId?: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT tenant_id FROM (
         SELECT u.tenant_id FROM (${UNPAID}) u WHERE u.overdue_since <= $1
         UNION SELECT tenant_id FROM dunning_episodes WHERE closed_at IS NULL
       ) t WHERE ($2::uuid IS NULL OR tenant_id > $2) ORDER BY tenant_id LIMIT $3`,
      [now.toISOString(), afterTenantId ?? null, limit],
    )) as { tenant_id: string }[];
    return rows.map((r) => r.tenant_id);
  }

  async lockAccount(tx: Transaction, scope: TenantScope): Promise<boolean> {
    const rows = (await entityManagerOf(tx).query(`SELECT 1 FROM billing_accounts WHERE tenant_id = $1 FOR UPDATE`, [scope.tenantId])) as unknown[];
    return rows.length > 0;
  }

  async overdueInvoices(scope: TenantScope, now: Date, tx?: Transaction): Promise<OverdueInvoice[]> {
    const rows = (await this.run(tx, `SELECT u.id, u.overdue_since FROM (${UNPAID} AND i.tenant_id = $1) u WHERE u.overdue_since <= $2 ORDER BY u.overdue_since, u.id`, [
      scope.tenantId,
      now.toISOString(),
    ])) as { id: string; overdue_since: Date }[];
    return rows.map((r) => ({ invoiceId: r.id, overdueSince: new Date(r.overdue_since) }));
  }

  async openEpisode(scope: TenantScope, tx?: Transaction): Promise<DunningEpisode | undefined> {
    const rows = (await this.run(tx, `${EPISODE} WHERE e.tenant_id = $1 AND e.closed_at IS NULL`, [scope.tenantId])) as EpisodeRow[];
    return rows[0] && toEpisode(rows[0]);
  }

  async latestEpisode(scope: TenantScope): Promise<DunningEpisode | undefined> {
    const rows = (await this.dataSource.query(`${EPISODE} WHERE e.tenant_id = $1 ORDER BY e.closed_at IS NULL DESC, e.opened_at DESC LIMIT 1`, [scope.tenantId])) as EpisodeRow[];
    return rows[0] && toEpisode(rows[0]);
  }

  async startEpisode(tx: Transaction, e: DunningEpisode): Promise<void> {
    await entityManagerOf(tx).query(`INSERT INTO dunning_episodes (id, tenant_id, overdue_since, opened_at) VALUES ($1, $2, $3, $4)`, [e.id, e.tenantId, e.overdueSince.toISOString(), e.openedAt.toISOString()]);
  }

  async recordStep(tx: Transaction, scope: TenantScope, episodeId: string, step: DunningStepTaken): Promise<boolean> {
    const rows = (await entityManagerOf(tx).query(
      `INSERT INTO dunning_steps (episode_id, tenant_id, step, days_overdue, taken_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (episode_id, step) DO NOTHING RETURNING step`,
      [episodeId, scope.tenantId, step.step, step.daysOverdue, step.takenAt.toISOString()],
    )) as unknown[];
    return rows.length > 0;
  }

  async closeEpisode(tx: Transaction, scope: TenantScope, episodeId: string, at: Date): Promise<void> {
    await entityManagerOf(tx).query(`UPDATE dunning_episodes SET closed_at = $3 WHERE tenant_id = $1 AND id = $2 AND closed_at IS NULL`, [scope.tenantId, episodeId, at.toISOString()]);
  }

  async stopCollections(tx: Transaction, scope: TenantScope): Promise<void> {
    await entityManagerOf(tx).query(`DELETE FROM collections WHERE tenant_id = $1`, [scope.tenantId]);
  }
}
