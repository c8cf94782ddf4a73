/** Alerts on PostgreSQL: set-based SQL over aggregates and limits; the unique key of usage_alert decides what is new. */
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertKind, HourlyBaseline, LimitAlertKind, LimitWindow, RaisedAnomaly, RaisedLimitAlert, StoredAlert } from './alert.row';
import { AlertRepository, BASELINE_HOURS, MIN_HISTORY_HOURS } from './alert.repository';

interface LimitAlertRow {
  alert_id: string;
  tenant_id: string;
  metric: string;
  period_start: Date;
  kind: LimitAlertKind;
  limit_value: string;
  usage: string;
  raised_at: Date;
}

interface BaselineRow {
  tenant_id: string;
  metric: string;
  observed: string;
  mean: string;
  std_dev: string;
  median: string;
  has_history: boolean;
}

interface StoredAlertRow {
  alert_id: string;
  metric: string;
  period_start: Date;
  kind: AlertKind;
  limit_value: string;
  usage: string;
  raised_at: Date;
  mode: 'soft' | 'hard' | null;
}

@Injectable()
export class PostgresAlertRepository extends AlertRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async listForTenant(scope: TenantScope & { from?: Date; limit: number }): Promise<StoredAlert[]> {
    const rows = (await this.dataSource.query(
      `SELECT a.alert_id, a.metric, a.period_start, a.kind, a.limit_value::text AS limit_value, a.usage::text AS usage, a.raised_at, l.mode
         FROM usage_alert a
         LEFT JOIN tenant_limit l ON l.tenant_id = a.tenant_id AND l.metric = a.metric
        WHERE a.tenant_id = $1 AND ($2::timestamptz IS NULL OR a.raised_at >= $2::timestamptz)
        ORDER BY a.raised_at DESC, a.alert_id DESC
        LIMIT $3`,
      [scope.tenantId, scope.from?.toISOString() ?? null, scope.limit],
    )) as StoredAlertRow[];
    return rows.map((row) => ({
      alertId: row.alert_id,
      metric: row.metric,
      periodStart: row.period_start,
      kind: row.kind,
      limit: row.limit_value,
      usage: row.usage,
      raisedAt: row.raised_at,
      mode: row.mode,
    }));
  }

  async raiseLimitAlerts(tx: Transaction, windows: readonly LimitWindow[]): Promise<RaisedLimitAlert[]> {
    if (windows.length === 0) return [];
    return this.raise(
      tx,
      `SELECT DISTINCT tenant_id, metric, period_start FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS t(tenant_id, metric, period_start)`,
      [windows.map((w) => w.tenantId), windows.map((w) => w.metric), windows.map((w) => w.periodStart.toISOString())],
    );
  }

  async raiseAllLimitAlerts(tx: Transaction, periodStart: Date): Promise<RaisedLimitAlert[]> {
    return this.raise(tx, `SELECT tenant_id, metric, $1::timestamptz AS period_start FROM tenant_limit`, [periodStart.toISOString()]);
  }

  private async raise(tx: Transaction, touched: string, parameters: unknown[]): Promise<RaisedLimitAlert[]> {
    // Usage of 0 reaches nothing, not even a limit of 0.
    const rows = (await entityManagerOf(tx).query(
      `WITH touched AS (${touched})
       INSERT INTO usage_alert (tenant_id, metric, period_start, kind, limit_value, usage)
       SELECT a.tenant_id, a.metric, a.window_start, k.kind, l.limit_value, a.value
         FROM touched t
         JOIN usage_aggregate a ON a.tenant_id = t.tenant_id AND a.granularity = 'month' AND a.metric = t.metric AND a.window_start = t.period_start
                              AND a.source = 'counted' AND a.group_key = ''
         JOIN tenant_limit l ON l.tenant_id = a.tenant_id AND l.metric = a.metric
         CROSS JOIN LATERAL (VALUES
           ('threshold-80', a.value >= l.limit_value * 0.8),
           ('threshold-100', a.value >= l.limit_value),
           ('exceeded-' || l.mode, a.value > l.limit_value)
         ) AS k(kind, reached)
        WHERE k.reached AND a.value > 0
       ON CONFLICT ON CONSTRAINT usage_alert_once DO NOTHING
       RETURNING alert_id, tenant_id, metric, period_start, kind, limit_value::text AS limit_value, usage::text AS usage, raised_at`,
      parameters,
    )) as LimitAlertRow[];
    return rows.map((row) => ({
      alertId: row.alert_id,
      tenantId: row.tenant_id,
      metric: row.metric,
      periodStart: row.period_start,
      kind: row.kind,
      limit: row.limit_value,
      usage: row.usage,
      raisedAt: row.raised_at,
    }));
  }

  async hourlyBaselines(tx: Transaction, hourStart: Date): Promise<HourlyBaseline[]> {
    const rows = (await entityManagerOf(tx).query(
      `WITH observed AS (
         SELECT tenant_id, metric, value FROM usage_aggregate
          WHERE granularity = 'hour' AND window_start = $1 AND aggregation IN ('sum', 'count') AND source = 'counted' AND group_key = ''
       ),
       hours AS (
         SELECT generate_series($1::timestamptz - make_interval(hours => $2), $1::timestamptz - interval '1 hour', interval '1 hour') AS window_start
       ),
       baseline AS (
         SELECT o.tenant_id, o.metric, o.value AS observed, coalesce(a.value, 0)::float8 AS value
           FROM observed o
          CROSS JOIN hours h
           LEFT JOIN usage_aggregate a ON a.tenant_id = o.tenant_id AND a.granularity = 'hour' AND a.metric = o.metric AND a.window_start = h.window_start
                                      AND a.source = 'counted' AND a.group_key = ''
       )
       SELECT b.tenant_id, b.metric, b.observed::text AS observed,
              avg(b.value)::text AS mean, stddev_pop(b.value)::text AS std_dev,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY b.value)::text AS median,
              EXISTS (SELECT 1 FROM usage_aggregate h
                       WHERE h.tenant_id = b.tenant_id AND h.granularity = 'hour' AND h.window_start <= $1::timestamptz - make_interval(hours => $3)) AS has_history
         FROM baseline b
        GROUP BY b.tenant_id, b.metric, b.observed`,
      [hourStart.toISOString(), BASELINE_HOURS, MIN_HISTORY_HOURS],
    )) as BaselineRow[];
    return rows.map((row) => ({
      tenantId: row.tenant_id,
      metric: row.metric,
      hourStart,
      observed: Number(row.observed),
      mean: Number(row.mean),
      stdDev: Number(row.std_dev),
      median: Number(row.median),
      hasDayOfHistory: row.has_history,
    }));
  }

  async raiseAnomalies(tx: Transaction, anomalies: readonly HourlyBaseline[]): Promise<RaisedAnomaly[]> {
    if (anomalies.length === 0) return [];
    const rows = (await entityManagerOf(tx).query(
      `INSERT INTO usage_alert (tenant_id, metric, period_start, kind, limit_value, usage)
       SELECT tenant_id, metric, period_start, 'anomaly', 0, usage
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::numeric[]) AS a(tenant_id, metric, period_start, usage)
       ON CONFLICT ON CONSTRAINT usage_alert_once DO NOTHING
       RETURNING alert_id, tenant_id, metric, raised_at`,
      [anomalies.map((a) => a.tenantId), anomalies.map((a) => a.metric), anomalies.map((a) => a.hourStart.toISOString()), anomalies.map((a) => String(a.observed))],
    )) as { alert_id: string; tenant_id: string; metric: string; raised_at: Date }[];
    const byKey = new Map(anomalies.map((a) => [`${a.tenantId}\u0000${a.metric}`, a]));
    return rows.flatMap((row) => {
      const anomaly = byKey.get(`${row.tenant_id}\u0000${row.metric}`);
      return anomaly ? [{ ...anomaly, alertId: row.alert_id, raisedAt: row.raised_at }] : [];
    });
  }
}
