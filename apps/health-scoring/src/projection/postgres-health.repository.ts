/** Health scoring's projection and scores on PostgreSQL (schema health_scoring). */
import { Injectable } from '@nestjs/common';
import { ChurnReason, UsageRecordedPayload } from '@tenantry/contracts';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { DAY_MS, HealthScore } from '../scoring/health-score';
import { UsageTotals } from './gather-inputs';
import { ChurnEpisode, Feedback, HealthRepository, HistoryEntry, RecomputeState, ScoreToSave, StoredScore, UsageSnapshot } from './health.repository';
import { Signal } from './signal';

const SUMMED = new Set(['api_calls', 'bandwidth_bytes']);
const LATEST = new Set(['storage_bytes', 'database_bytes']);

const day = (at: Date) => at.toISOString().slice(0, 10);

interface ScoreRow {
  overall: number;
  band: HealthScore['band'];
  detail: HealthScore;
  computed_at: Date;
  red_since: Date | null;
  published_overall: number | null;
  published_band: HealthScore['band'] | null;
}

function storedScore(row: ScoreRow): StoredScore {
  return {
    overall: row.overall,
    band: row.band,
    detail: row.detail,
    computedAt: row.computed_at,
    redSince: row.red_since,
    publishedOverall: row.published_overall,
    publishedBand: row.published_band,
  };
}

@Injectable()
export class PostgresHealthRepository extends HealthRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  private db(tx: Transaction | undefined): EntityManager {
    return tx ? entityManagerOf(tx) : this.dataSource.manager;
  }

  async lockTenants(tx: Transaction, tenantIds: readonly string[]): Promise<void> {
    if (tenantIds.length === 0) return;
    // unnest yields the ids in the array's order, so the locks are taken in that order.
    await entityManagerOf(tx).query(`SELECT count(pg_advisory_xact_lock(hashtextextended(id, 7340))) FROM unnest($1::text[]) AS id`, [tenantIds]);
  }

  async saveSignal(tx: Transaction, signal: Signal): Promise<boolean> {
    const rows = (await entityManagerOf(tx).query(
      `INSERT INTO signals (event_id, tenant_id, type, at, data) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [signal.eventId, signal.tenantId, signal.type, signal.at, JSON.stringify(signal.data)],
    )) as unknown[];
    return rows.length > 0;
  }

  async saveUsage(tx: Transaction, events: readonly UsageRecordedPayload[]): Promise<void> {
    const db = entityManagerOf(tx);
    const sums = new Map<string, { tenant: string; metric: string; day: string; quantity: number }>();
    const latest = new Map<string, { tenant: string; metric: string; value: string; at: Date }>();
    const users = new Map<string, { tenant: string; day: string; user: string }>();
    for (const event of events) {
      const at = new Date(event.timestamp);
      if (SUMMED.has(event.metric)) {
        const key = `${event.tenantId}|${event.metric}|${day(at)}`;
        const row = sums.get(key) ?? { tenant: event.tenantId, metric: event.metric, day: day(at), quantity: 0 };
        row.quantity += Number(event.quantity);
        sums.set(key, row);
      } else if (LATEST.has(event.metric)) {
        const key = `${event.tenantId}|${event.metric}`;
        const row = latest.get(key);
        if (!row || row.at < at) latest.set(key, { tenant: event.tenantId, metric: event.metric, value: event.quantity, at });
      } else if (event.metric === 'active_users') {
        const user = event.properties?.['userId'];
        if (user === undefined || user === '') continue;
        users.set(`${event.tenantId}|${day(at)}|${String(user)}`, { tenant: event.tenantId, day: day(at), user: String(user) });
      }
    }
    if (sums.size > 0) {
      const rows = [...sums.values()];
      await db.query(
        `INSERT INTO usage_daily (tenant_id, metric, day, quantity)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::numeric[])
         ON CONFLICT (tenant_id, metric, day) DO UPDATE SET quantity = usage_daily.quantity + EXCLUDED.quantity`,
        [rows.map((r) => r.tenant), rows.map((r) => r.metric), rows.map((r) => r.day), rows.map((r) => String(r.quantity))],
      );
    }
    if (latest.size > 0) {
      const rows = [...latest.values()];
      await db.query(
        `INSERT INTO usage_latest (tenant_id, metric, value, at)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::timestamptz[])
         ON CONFLICT (tenant_id, metric) DO UPDATE SET value = EXCLUDED.value, at = EXCLUDED.at WHERE usage_latest.at <= EXCLUDED.at`,
        [rows.map((r) => r.tenant), rows.map((r) => r.metric), rows.map((r) => r.value), rows.map((r) => r.at.toISOString())],
      );
    }
    if (users.size > 0) {
      const rows = [...users.values()];
      await db.query(
        `INSERT INTO active_users (tenant_id, day, user_id) SELECT * FROM unnest($1::uuid[], $2::date[], $3::text[]) ON CONFLICT DO NOTHING`,
        [rows.map((r) => r.tenant), rows.map((r) => r.day), rows.map((r) => r.user)],
      );
    }
  }

  async markDirty(tx: Transaction, tenantIds: readonly string[]): Promise<void> {
    if (tenantIds.length === 0) return;
    // An append without a key: it never waits for a rescoring transaction holding this tenant's older marks.
    await entityManagerOf(tx).query(`INSERT INTO dirty_tenants (tenant_id) SELECT unnest($1::uuid[])`, [tenantIds]);
  }

  async takeDirty(tx: Transaction, limit: number): Promise<string[]> {
    const rows = (await entityManagerOf(tx).query(
      // A SELECT over the DELETE: TypeORM answers a bare DELETE … RETURNING as [rows, count].
      // Only the marks seen now are taken (a mark appended later stays for the next run); a tenant
      // can have several, so up to `limit` marks give at most `limit` tenants.
      `WITH taken AS (DELETE FROM dirty_tenants WHERE ctid = ANY(ARRAY(SELECT ctid FROM dirty_tenants ORDER BY tenant_id LIMIT $1 FOR UPDATE SKIP LOCKED)) RETURNING tenant_id)
       SELECT DISTINCT tenant_id FROM taken`,
      [limit],
    )) as { tenant_id: string }[];
    return rows.map((r) => r.tenant_id).sort();
  }

  async clearDirty(tx: Transaction, tenantIds: readonly string[]): Promise<void> {
    await entityManagerOf(tx).query(`DELETE FROM dirty_tenants WHERE tenant_id = ANY($1::uuid[])`, [tenantIds]);
  }

  async signals(tx: Transaction | undefined, scope: TenantScope, since: Date): Promise<Signal[]> {
    const rows = (await this.db(tx).query(`SELECT event_id, tenant_id, type, at, data FROM signals WHERE tenant_id = $1 AND at >= $2 ORDER BY at, event_id`, [
      scope.tenantId,
      since,
    ])) as { event_id: string; tenant_id: string; type: string; at: Date; data: Record<string, unknown> }[];
    return rows.map((r) => ({ eventId: r.event_id, tenantId: r.tenant_id, type: r.type, at: r.at, data: r.data }));
  }

  /** The current period is the 30 UTC days ending with today (today − 29 … today), the previous one the 30 before. */
  async usageTotals(tx: Transaction | undefined, scope: TenantScope, now: Date): Promise<UsageTotals> {
    const db = this.db(tx);
    const today = day(now);
    const [api] = (await db.query(
      `SELECT coalesce(sum(quantity) FILTER (WHERE day > $2::date - 30), 0)::float8 AS current,
              coalesce(sum(quantity) FILTER (WHERE day <= $2::date - 30), 0)::float8 AS previous
         FROM usage_daily WHERE tenant_id = $1 AND metric = 'api_calls' AND day > $2::date - 60 AND day <= $2::date`,
      [scope.tenantId, today],
    )) as [{ current: number; previous: number }];
    const [users] = (await db.query(
      `SELECT count(DISTINCT user_id) FILTER (WHERE day > $2::date - 30)::int AS current,
              count(DISTINCT user_id) FILTER (WHERE day <= $2::date - 30)::int AS previous
         FROM active_users WHERE tenant_id = $1 AND day > $2::date - 60 AND day <= $2::date`,
      [scope.tenantId, today],
    )) as [{ current: number; previous: number }];
    return { apiCalls: api, activeUsers: users };
  }

  async usageSnapshot(scope: TenantScope, now: Date): Promise<UsageSnapshot> {
    const db = this.dataSource.manager;
    const month = `${day(now).slice(0, 8)}01`;
    const sums = (await db.query(`SELECT metric, sum(quantity)::float8 AS total FROM usage_daily WHERE tenant_id = $1 AND day >= $2::date AND day <= $3::date GROUP BY metric`, [
      scope.tenantId,
      month,
      day(now),
    ])) as { metric: string; total: number }[];
    const latest = (await db.query(`SELECT metric, value::float8 AS value, at FROM usage_latest WHERE tenant_id = $1`, [scope.tenantId])) as { metric: string; value: number; at: Date }[];
    const [last] = (await db.query(
      `SELECT max(day)::text AS day FROM (SELECT day FROM usage_daily WHERE tenant_id = $1 UNION ALL SELECT day FROM active_users WHERE tenant_id = $1) d`,
      [scope.tenantId],
    )) as [{ day: string | null }];
    return {
      monthToDate: Object.fromEntries(sums.map((s) => [s.metric, s.total])),
      latest: Object.fromEntries(latest.map((l) => [l.metric, { value: l.value, at: l.at }])),
      lastActivityDay: last.day,
    };
  }

  async saveFeedback(tx: Transaction, scope: TenantScope, feedback: Feedback): Promise<void> {
    await entityManagerOf(tx).query(`INSERT INTO feedback (id, tenant_id, score, comment, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      feedback.id,
      scope.tenantId,
      feedback.score,
      feedback.comment,
      feedback.createdAt,
    ]);
  }

  async recomputeStates(tx: Transaction, tenantIds: readonly string[], now: Date, signalsSince: Date, peaksSince: Date): Promise<Map<string, RecomputeState>> {
    const db = entityManagerOf(tx);
    const ids = [...tenantIds];
    const today = day(now);
    const states = new Map<string, RecomputeState>(
      ids.map((id) => [
        id,
        { signals: [], usage: { apiCalls: { current: 0, previous: 0 }, activeUsers: { current: 0, previous: 0 } }, feedback: { responses: 0, average: null }, current: null, peaks: new Map(), openEpisodes: [] },
      ]),
    );
    const of = (id: string) => states.get(id) as RecomputeState;
    const signals = (await db.query(`SELECT event_id, tenant_id, type, at, data FROM signals WHERE tenant_id = ANY($1::uuid[]) AND at >= $2 ORDER BY tenant_id, at, event_id`, [ids, signalsSince])) as {
      event_id: string;
      tenant_id: string;
      type: string;
      at: Date;
      data: Record<string, unknown>;
    }[];
    for (const r of signals) of(r.tenant_id).signals.push({ eventId: r.event_id, tenantId: r.tenant_id, type: r.type, at: r.at, data: r.data });
    const api = (await db.query(
      `SELECT tenant_id, coalesce(sum(quantity) FILTER (WHERE day > $2::date - 30), 0)::float8 AS current,
              coalesce(sum(quantity) FILTER (WHERE day <= $2::date - 30), 0)::float8 AS previous
         FROM usage_daily WHERE tenant_id = ANY($1::uuid[]) AND metric = 'api_calls' AND day > $2::date - 60 AND day <= $2::date GROUP BY tenant_id`,
      [ids, today],
    )) as { tenant_id: string; current: number; previous: number }[];
    for (const r of api) of(r.tenant_id).usage.apiCalls = { current: r.current, previous: r.previous };
    const users = (await db.query(
      `SELECT tenant_id, count(DISTINCT user_id) FILTER (WHERE day > $2::date - 30)::int AS current,
              count(DISTINCT user_id) FILTER (WHERE day <= $2::date - 30)::int AS previous
         FROM active_users WHERE tenant_id = ANY($1::uuid[]) AND day > $2::date - 60 AND day <= $2::date GROUP BY tenant_id`,
      [ids, today],
    )) as { tenant_id: string; current: number; previous: number }[];
    for (const r of users) of(r.tenant_id).usage.activeUsers = { current: r.current, previous: r.previous };
    const feedback = (await db.query(
      `SELECT tenant_id, count(*)::int AS responses, avg(score)::float8 AS average FROM feedback WHERE tenant_id = ANY($1::uuid[]) AND created_at > $2 AND created_at <= $3 GROUP BY tenant_id`,
      [ids, new Date(now.getTime() - 90 * DAY_MS), now],
    )) as { tenant_id: string; responses: number; average: number | null }[];
    for (const r of feedback) of(r.tenant_id).feedback = { responses: r.responses, average: r.average };
    const scores = (await db.query(`SELECT tenant_id, overall, band, detail, computed_at, red_since, published_overall, published_band FROM scores WHERE tenant_id = ANY($1::uuid[])`, [ids])) as (ScoreRow & {
      tenant_id: string;
    })[];
    for (const r of scores) of(r.tenant_id).current = storedScore(r);
    const peaks = (await db.query(
      `SELECT tenant_id, detail -> 'withoutData' AS without, max(overall)::int AS peak FROM score_history WHERE tenant_id = ANY($1::uuid[]) AND at > $2 GROUP BY 1, 2`,
      [ids, peaksSince],
    )) as { tenant_id: string; without: unknown; peak: number }[];
    for (const r of peaks) if (r.without !== null) of(r.tenant_id).peaks.set(JSON.stringify(r.without), r.peak);
    const episodes = (await db.query(
      `SELECT tenant_id, reason, detail, opened_at, closed_at FROM churn_episodes WHERE tenant_id = ANY($1::uuid[]) AND closed_at IS NULL ORDER BY tenant_id, opened_at, reason`,
      [ids],
    )) as { tenant_id: string; reason: ChurnReason; detail: string; opened_at: Date; closed_at: Date | null }[];
    for (const r of episodes) of(r.tenant_id).openEpisodes.push({ reason: r.reason, detail: r.detail, openedAt: r.opened_at, closedAt: r.closed_at });
    return states;
  }

  async current(tx: Transaction | undefined, scope: TenantScope): Promise<StoredScore | null> {
    const [row] = (await this.db(tx).query(
      `SELECT overall, band, detail, computed_at, red_since, published_overall, published_band FROM scores WHERE tenant_id = $1`,
      [scope.tenantId],
    )) as ScoreRow[];
    return row ? storedScore(row) : null;
  }

  async saveScores(tx: Transaction, scores: readonly ScoreToSave[]): Promise<void> {
    if (scores.length === 0) return;
    const db = entityManagerOf(tx);
    const column = <T>(pick: (s: ScoreToSave) => T) => scores.map(pick);
    await db.query(
      `INSERT INTO scores (tenant_id, overall, band, detail, computed_at, red_since, published_overall, published_band)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::timestamptz[], $7::int[], $8::text[])
       ON CONFLICT (tenant_id) DO UPDATE SET overall = EXCLUDED.overall, band = EXCLUDED.band, detail = EXCLUDED.detail, computed_at = EXCLUDED.computed_at,
         red_since = EXCLUDED.red_since, published_overall = EXCLUDED.published_overall, published_band = EXCLUDED.published_band`,
      [
        column((s) => s.tenantId),
        column((s) => s.score.overall),
        column((s) => s.score.band),
        column((s) => JSON.stringify(s.score.detail)),
        column((s) => s.score.computedAt.toISOString()),
        column((s) => s.score.redSince?.toISOString() ?? null),
        column((s) => s.score.publishedOverall),
        column((s) => s.score.publishedBand),
      ],
    );
    const history = scores.filter((s) => s.appendHistory);
    if (history.length === 0) return;
    await db.query(
      `INSERT INTO score_history (tenant_id, at, overall, band, detail) SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::text[], $5::jsonb[])`,
      [history.map((s) => s.tenantId), history.map((s) => s.score.computedAt.toISOString()), history.map((s) => s.score.overall), history.map((s) => s.score.band), history.map((s) => JSON.stringify(s.score.detail))],
    );
  }

  async history(scope: TenantScope, limit: number): Promise<HistoryEntry[]> {
    const rows = (await this.dataSource.query(`SELECT at, overall, band, detail FROM score_history WHERE tenant_id = $1 ORDER BY at DESC, id DESC LIMIT $2`, [
      scope.tenantId,
      limit,
    ])) as HistoryEntry[];
    return rows;
  }

  async openEpisodes(tx: Transaction | undefined, scope: TenantScope): Promise<ChurnEpisode[]> {
    const rows = (await this.db(tx).query(
      `SELECT reason, detail, opened_at, closed_at FROM churn_episodes WHERE tenant_id = $1 AND closed_at IS NULL ORDER BY opened_at, reason`,
      [scope.tenantId],
    )) as { reason: ChurnReason; detail: string; opened_at: Date; closed_at: Date | null }[];
    return rows.map((r) => ({ reason: r.reason, detail: r.detail, openedAt: r.opened_at, closedAt: r.closed_at }));
  }

  async openEpisode(tx: Transaction, scope: TenantScope, reason: ChurnReason, detail: string, at: Date): Promise<void> {
    await entityManagerOf(tx).query(`INSERT INTO churn_episodes (tenant_id, reason, detail, opened_at) VALUES ($1, $2, $3, $4)`, [scope.tenantId, reason, detail, at]);
  }

  async closeEpisodes(tx: Transaction, scope: TenantScope, reasons: readonly ChurnReason[], at: Date): Promise<void> {
    if (reasons.length === 0) return;
    await entityManagerOf(tx).query(`UPDATE churn_episodes SET closed_at = $3 WHERE tenant_id = $1 AND reason = ANY($2::text[]) AND closed_at IS NULL`, [
      scope.tenantId,
      reasons,
      at,
    ]);
  }

  async tenantIds(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT tenant_id FROM signals UNION SELECT tenant_id FROM usage_daily UNION SELECT tenant_id FROM active_users UNION SELECT tenant_id FROM feedback`,
    )) as { tenant_id: string }[];
    return rows.map((r) => r.tenant_id);
  }
}
