/** The journeys' storage on PostgreSQL (schema health_scoring). */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { CheckIn, JourneysRepository, JourneyTenant, OffboardingFeedback, TenantFact, WinBackCandidate } from './journeys.repository';

interface CheckInRow {
  id: string;
  tenant_id: string;
  kind: CheckIn['kind'];
  status: CheckIn['status'];
  reasons: string[];
  details: string[];
  due_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
  note: string | null;
}

const checkInOf = (row: CheckInRow): CheckIn => ({
  id: row.id,
  tenantId: row.tenant_id,
  kind: row.kind,
  status: row.status,
  reasons: row.reasons,
  details: row.details,
  dueAt: row.due_at,
  completedAt: row.completed_at,
  completedBy: row.completed_by,
  note: row.note,
});

/** Each fact as one upsert; a status fact applies only when newer than the stored one of its kind. */
const FACT_SQL: Record<TenantFact['kind'], string> = {
  created: `INSERT INTO journey_tenants (tenant_id, created_at, domain_type) VALUES ($1, $2, $3)
            ON CONFLICT (tenant_id) DO UPDATE SET created_at = LEAST(COALESCE(journey_tenants.created_at, EXCLUDED.created_at), EXCLUDED.created_at),
              domain_type = COALESCE(EXCLUDED.domain_type, journey_tenants.domain_type)`,
  band: `INSERT INTO journey_tenants (tenant_id, band, band_at, green_since) VALUES ($1, $3, $2, CASE WHEN $3 = 'green' THEN $2::timestamptz END)
         ON CONFLICT (tenant_id) DO UPDATE SET band = EXCLUDED.band, band_at = EXCLUDED.band_at,
           green_since = CASE WHEN EXCLUDED.band <> 'green' THEN NULL WHEN journey_tenants.band = 'green' THEN journey_tenants.green_since ELSE EXCLUDED.band_at END
         WHERE journey_tenants.band_at IS NULL OR journey_tenants.band_at <= EXCLUDED.band_at`,
  suspended: `INSERT INTO journey_tenants (tenant_id, suspended_reason, suspension_at) VALUES ($1, $3, $2)
              ON CONFLICT (tenant_id) DO UPDATE SET suspended_reason = EXCLUDED.suspended_reason, suspension_at = EXCLUDED.suspension_at
              WHERE journey_tenants.suspension_at IS NULL OR journey_tenants.suspension_at <= EXCLUDED.suspension_at`,
  reactivated: `INSERT INTO journey_tenants (tenant_id, suspension_at) VALUES ($1, $2)
                ON CONFLICT (tenant_id) DO UPDATE SET suspended_reason = NULL, suspension_at = EXCLUDED.suspension_at
                WHERE journey_tenants.suspension_at IS NULL OR journey_tenants.suspension_at <= EXCLUDED.suspension_at`,
  offboarding: `INSERT INTO journey_tenants (tenant_id, offboarding_at, offboarding_reason) VALUES ($1, $2, $3)
                ON CONFLICT (tenant_id) DO UPDATE SET offboarding_at = COALESCE(journey_tenants.offboarding_at, EXCLUDED.offboarding_at),
                  offboarding_reason = COALESCE(EXCLUDED.offboarding_reason, journey_tenants.offboarding_reason)`,
  removed: `INSERT INTO journey_tenants (tenant_id, removed_at, offboarding_reason) VALUES ($1, $2, $3)
            ON CONFLICT (tenant_id) DO UPDATE SET removed_at = LEAST(COALESCE(journey_tenants.removed_at, EXCLUDED.removed_at), EXCLUDED.removed_at),
              offboarding_reason = COALESCE(journey_tenants.offboarding_reason, EXCLUDED.offboarding_reason)`,
  'written-off': `INSERT INTO journey_tenants (tenant_id, written_off_at) VALUES ($1, $2)
                  ON CONFLICT (tenant_id) DO UPDATE SET written_off_at = COALESCE(journey_tenants.written_off_at, EXCLUDED.written_off_at)`,
};

@Injectable()
export class PostgresJourneysRepository extends JourneysRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  private db(tx: Transaction | undefined): EntityManager {
    return tx ? entityManagerOf(tx) : this.dataSource.manager;
  }

  async lockTenant(tx: Transaction, scope: TenantScope): Promise<void> {
    await entityManagerOf(tx).query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7341))`, [scope.tenantId]);
  }

  async applyFact(tx: Transaction, scope: TenantScope, fact: TenantFact): Promise<void> {
    const extra = fact.kind === 'band' ? fact.band : fact.kind === 'created' ? fact.domainType : 'reason' in fact ? fact.reason : undefined;
    await entityManagerOf(tx).query(FACT_SQL[fact.kind], extra === undefined ? [scope.tenantId, fact.at] : [scope.tenantId, fact.at, extra]);
  }

  async tenant(tx: Transaction | undefined, scope: TenantScope): Promise<JourneyTenant | null> {
    const rows = (await this.db(tx).query(`SELECT tenant_id, created_at, band, green_since, removed_at, domain_type FROM journey_tenants WHERE tenant_id = $1`, [scope.tenantId])) as {
      tenant_id: string;
      created_at: Date | null;
      band: string | null;
      green_since: Date | null;
      removed_at: Date | null;
      domain_type: string | null;
    }[];
    const row = rows[0];
    return row ? { tenantId: row.tenant_id, createdAt: row.created_at, band: row.band, greenSince: row.green_since, removedAt: row.removed_at, domainType: row.domain_type } : null;
  }

  async completeItem(tx: Transaction, scope: TenantScope, item: string, at: Date): Promise<boolean> {
    const rows = (await entityManagerOf(tx).query(
      `INSERT INTO onboarding_items (tenant_id, item, completed_at) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, item) DO UPDATE SET completed_at = EXCLUDED.completed_at WHERE onboarding_items.completed_at > EXCLUDED.completed_at
       RETURNING (xmax = 0) AS inserted`,
      [scope.tenantId, item, at],
    )) as { inserted: boolean }[];
    return rows[0]?.inserted === true;
  }

  async completedItems(tx: Transaction | undefined, scope: TenantScope): Promise<Map<string, Date>> {
    const rows = (await this.db(tx).query(`SELECT item, completed_at FROM onboarding_items WHERE tenant_id = $1`, [scope.tenantId])) as { item: string; completed_at: Date }[];
    return new Map(rows.map((row) => [row.item, row.completed_at]));
  }

  async missingItem(tx: Transaction, tenantIds: readonly string[], item: string): Promise<Set<string>> {
    const rows = (await entityManagerOf(tx).query(`SELECT tenant_id FROM onboarding_items WHERE tenant_id = ANY($1::uuid[]) AND item = $2`, [tenantIds, item])) as { tenant_id: string }[];
    const done = new Set(rows.map((row) => row.tenant_id));
    return new Set(tenantIds.filter((id) => !done.has(id)));
  }

  async addCheckIn(tx: Transaction, checkIn: CheckIn, source: string): Promise<boolean> {
    const rows = (await entityManagerOf(tx).query(
      `INSERT INTO check_ins (id, tenant_id, kind, status, reasons, details, due_at, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (source) DO NOTHING RETURNING id`,
      [checkIn.id, checkIn.tenantId, checkIn.kind, checkIn.status, JSON.stringify(checkIn.reasons), JSON.stringify(checkIn.details), checkIn.dueAt, source],
    )) as unknown[];
    return rows.length > 0;
  }

  async checkIns(status: 'open' | 'completed' | undefined, limit: number): Promise<CheckIn[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM check_ins WHERE ($1::text IS NULL OR status = $1) ORDER BY due_at DESC, id LIMIT $2`,
      [status ?? null, limit],
    )) as CheckInRow[];
    return rows.map(checkInOf);
  }

  async checkIn(tx: Transaction, id: string): Promise<CheckIn | null> {
    const rows = (await entityManagerOf(tx).query(`SELECT * FROM check_ins WHERE id = $1 FOR UPDATE`, [id])) as CheckInRow[];
    return rows[0] ? checkInOf(rows[0]) : null;
  }

  async completeCheckIn(tx: Transaction, id: string, note: string, by: string, at: Date): Promise<void> {
    await entityManagerOf(tx).query(`UPDATE check_ins SET status = 'completed', note = $2, completed_by = $3, completed_at = $4 WHERE id = $1`, [id, note, by, at]);
  }

  async successCheckInsDue(dueBefore: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT tenant_id FROM journey_tenants
       WHERE band = 'green' AND removed_at IS NULL AND offboarding_at IS NULL
         AND COALESCE(GREATEST(last_success_check_in_at, green_since), green_since) <= $1
       ORDER BY tenant_id LIMIT $2`,
      [dueBefore, limit],
    )) as { tenant_id: string }[];
    return rows.map((row) => row.tenant_id);
  }

  async markSuccessCheckIn(tx: Transaction, scope: TenantScope, at: Date): Promise<void> {
    await entityManagerOf(tx).query(`UPDATE journey_tenants SET last_success_check_in_at = $2 WHERE tenant_id = $1`, [scope.tenantId, at]);
  }

  async winBacksDue(removedBefore: Date, limit: number): Promise<WinBackCandidate[]> {
    const rows = (await this.dataSource.query(
      `SELECT tenant_id, removed_at, suspended_reason, offboarding_reason, written_off_at IS NOT NULL AS written_off FROM journey_tenants
       WHERE winback_status IS NULL AND removed_at IS NOT NULL AND removed_at <= $1 ORDER BY removed_at LIMIT $2`,
      [removedBefore, limit],
    )) as { tenant_id: string; removed_at: Date; suspended_reason: string | null; offboarding_reason: string | null; written_off: boolean }[];
    return rows.map((row) => ({ tenantId: row.tenant_id, removedAt: row.removed_at, suspendedReason: row.suspended_reason, removalReason: row.offboarding_reason, writtenOff: row.written_off }));
  }

  async markWinBack(tx: Transaction, scope: TenantScope, status: string, at: Date): Promise<boolean> {
    const rows = (await entityManagerOf(tx).query(
      `UPDATE journey_tenants SET winback_status = $2, winback_at = $3 WHERE tenant_id = $1 AND winback_status IS NULL RETURNING tenant_id`,
      [scope.tenantId, status, at],
    )) as unknown[];
    return rows.length > 0;
  }

  async saveOffboardingFeedback(tx: Transaction | undefined, feedback: OffboardingFeedback): Promise<void> {
    await this.db(tx).query(`INSERT INTO offboarding_feedback (id, tenant_id, reason, score, comment, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      feedback.id,
      feedback.tenantId,
      feedback.reason,
      feedback.score,
      feedback.comment,
      feedback.createdAt,
    ]);
  }

  async offboardingFeedback(tx: Transaction | undefined, scope: TenantScope): Promise<OffboardingFeedback[]> {
    const rows = (await this.db(tx).query(`SELECT * FROM offboarding_feedback WHERE tenant_id = $1 ORDER BY created_at DESC, id`, [scope.tenantId])) as {
      id: string;
      tenant_id: string;
      reason: string;
      score: number;
      comment: string | null;
      created_at: Date;
    }[];
    return rows.map((row) => ({ id: row.id, tenantId: row.tenant_id, reason: row.reason, score: row.score, comment: row.comment, createdAt: row.created_at }));
  }
}
