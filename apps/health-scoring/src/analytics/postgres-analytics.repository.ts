/** Analytics' pre-aggregated tables on PostgreSQL (schema health_scoring, tables analytics_*). */
import { Injectable } from '@nestjs/common';
import { UsageRecordedPayload } from '@tenantry/contracts';
import { entityManagerOf, Transaction } from '@tenantry/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { Signal } from '../projection/signal';
import { AnalyticsRange, AnalyticsRepository, FeatureCount, GrowthRow, RevenueRow, TenantMeasures, UsageDayRow } from './analytics.repository';
import { featuresOf, monthOf, monthsBetween, UNKNOWN_PLAN } from './analytics-rules';

const day = (at: Date) => at.toISOString().slice(0, 10);
const STATUS_CHURN = new Set(['TenantDeactivated', 'TenantOffboardingStarted', 'TenantDeleted']);

@Injectable()
export class PostgresAnalyticsRepository extends AnalyticsRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /**
   * A read with PostgreSQL's JIT off: the planner's estimates for generate_series and the joins over
   * 10,000 tenants pass jit_above_cost, and compiling costs more (60–600 ms on a loaded machine)
   * than running these small aggregations (a few ms).
   */
  private read<T>(sql: string, params: unknown[]): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL jit = off');
      return (await manager.query(sql, params)) as T;
    });
  }

  async project(tx: Transaction, signal: Signal): Promise<void> {
    const db = entityManagerOf(tx);
    const data = signal.data;
    const ensure = () => db.query(`INSERT INTO analytics_tenants (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING`, [signal.tenantId]);
    switch (signal.type) {
      case 'TenantCreated': {
        await ensure();
        const plan = (data['plan'] as { id?: string } | undefined)?.id ?? null;
        await db.query(
          `UPDATE analytics_tenants SET created_at = $2,
             plan_id = CASE WHEN plan_at IS NULL OR plan_at <= $2 THEN $3 ELSE plan_id END,
             plan_at = CASE WHEN plan_at IS NULL OR plan_at <= $2 THEN $2 ELSE plan_at END
           WHERE tenant_id = $1`,
          [signal.tenantId, signal.at, plan],
        );
        return;
      }
      case 'TenantPlanChanged':
        await ensure();
        await db.query(`UPDATE analytics_tenants SET plan_id = $3, plan_at = $2 WHERE tenant_id = $1 AND (plan_at IS NULL OR plan_at <= $2)`, [
          signal.tenantId,
          signal.at,
          data['toPlanId'],
        ]);
        return;
      case 'TenantActivated':
        await ensure();
        await db.query(`UPDATE analytics_tenants SET activated_at = LEAST(coalesce(activated_at, $2), $2) WHERE tenant_id = $1`, [signal.tenantId, signal.at]);
        return;
      case 'TenantConfigChanged': {
        await ensure();
        const features = featuresOf(data['configuration']);
        const version = Number(data['version']);
        await db.query(`UPDATE analytics_tenants SET features = $3, config_version = $2 WHERE tenant_id = $1 AND (config_version IS NULL OR config_version < $2)`, [
          signal.tenantId,
          version,
          features,
        ]);
        if (features.length > 0) {
          await db.query(
            `INSERT INTO analytics_feature_first (tenant_id, feature, first_at) SELECT $1, f, $3 FROM unnest($2::text[]) f
             ON CONFLICT (tenant_id, feature) DO UPDATE SET first_at = LEAST(analytics_feature_first.first_at, EXCLUDED.first_at)`,
            [signal.tenantId, features, signal.at],
          );
        }
        return;
      }
      case 'InvoiceIssued': {
        const periodStart = typeof data['periodStart'] === 'string' ? new Date(data['periodStart']) : signal.at;
        await db.query(
          `INSERT INTO analytics_invoices (invoice_id, tenant_id, month, currency, amount_minor) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (invoice_id) DO UPDATE SET month = EXCLUDED.month, currency = EXCLUDED.currency, amount_minor = EXCLUDED.amount_minor`,
          [data['invoiceId'], signal.tenantId, `${monthOf(periodStart)}-01`, data['currency'], Number(data['amountMinor'])],
        );
        return;
      }
      case 'InvoiceVoided':
        // A void arriving before its issue leaves a placeholder the issue then fills in (voided stays true).
        await db.query(
          `INSERT INTO analytics_invoices (invoice_id, tenant_id, month, currency, amount_minor, voided) VALUES ($1, $2, $3, $4, 0, true)
           ON CONFLICT (invoice_id) DO UPDATE SET voided = true`,
          [data['invoiceId'], signal.tenantId, `${monthOf(signal.at)}-01`, data['currency']],
        );
        return;
      case 'TenantPerformanceDegraded': {
        const windowStart = typeof data['windowStart'] === 'string' ? new Date(data['windowStart']) : signal.at;
        const plan = await this.planOf(db, signal.tenantId);
        const requests = Number(data['requests']);
        await db.query(
          `INSERT INTO analytics_plan_daily (plan_id, day, degraded_requests, degraded_errors) VALUES ($1, $2, $3, $4)
           ON CONFLICT (plan_id, day) DO UPDATE SET degraded_requests = analytics_plan_daily.degraded_requests + EXCLUDED.degraded_requests,
             degraded_errors = analytics_plan_daily.degraded_errors + EXCLUDED.degraded_errors`,
          [plan, day(windowStart), requests, requests * Number(data['errorRate'])],
        );
        return;
      }
      default:
        if (STATUS_CHURN.has(signal.type)) {
          await ensure();
          await db.query(`UPDATE analytics_tenants SET churned_at = LEAST(coalesce(churned_at, $2), $2) WHERE tenant_id = $1`, [signal.tenantId, signal.at]);
        }
    }
  }

  private async planOf(db: EntityManager, tenantId: string): Promise<string> {
    const [row] = (await db.query(`SELECT plan_id FROM analytics_tenants WHERE tenant_id = $1`, [tenantId])) as { plan_id: string | null }[];
    return row?.plan_id ?? UNKNOWN_PLAN;
  }

  async projectUsage(tx: Transaction, events: readonly UsageRecordedPayload[]): Promise<void> {
    const db = entityManagerOf(tx);
    const relevant = events.filter((e) => e.metric === 'api_calls' || e.metric === 'bandwidth_bytes' || e.metric === 'active_users');
    if (relevant.length === 0) return;
    const tenantIds = [...new Set(relevant.map((e) => e.tenantId))];
    const planRows = (await db.query(`SELECT tenant_id, plan_id FROM analytics_tenants WHERE tenant_id = ANY($1::uuid[])`, [tenantIds])) as { tenant_id: string; plan_id: string | null }[];
    const plans = new Map(planRows.map((r) => [r.tenant_id, r.plan_id ?? UNKNOWN_PLAN]));
    const planOf = (tenantId: string) => plans.get(tenantId) ?? UNKNOWN_PLAN;

    // Distinct active users first: only the (tenant, day, user) new to the table count.
    const users = new Map<string, { tenant: string; day: string; user: string }>();
    for (const e of relevant) {
      if (e.metric !== 'active_users') continue;
      const user = e.properties?.['userId'];
      if (user === undefined || user === '') continue;
      const d = day(new Date(e.timestamp));
      users.set(`${e.tenantId}|${d}|${String(user)}`, { tenant: e.tenantId, day: d, user: String(user) });
    }
    const daily = new Map<string, { plan: string; day: string; api: number; bandwidth: number; users: number }>();
    const hourly = new Map<string, { plan: string; day: string; hour: number; api: number }>();
    const monthly = new Map<string, { tenant: string; month: string; api: number; userDays: number }>();
    const dailyOf = (plan: string, d: string) => {
      const key = `${plan}|${d}`;
      let row = daily.get(key);
      if (!row) daily.set(key, (row = { plan, day: d, api: 0, bandwidth: 0, users: 0 }));
      return row;
    };
    const monthlyOf = (tenant: string, d: string) => {
      const key = `${tenant}|${d.slice(0, 7)}`;
      let row = monthly.get(key);
      if (!row) monthly.set(key, (row = { tenant, month: `${d.slice(0, 7)}-01`, api: 0, userDays: 0 }));
      return row;
    };
    if (users.size > 0) {
      const rows = [...users.values()];
      const inserted = (await db.query(
        `INSERT INTO analytics_active_users (tenant_id, day, user_id) SELECT * FROM unnest($1::uuid[], $2::date[], $3::text[]) ON CONFLICT DO NOTHING RETURNING tenant_id, day::text AS day`,
        [rows.map((r) => r.tenant), rows.map((r) => r.day), rows.map((r) => r.user)],
      )) as { tenant_id: string; day: string }[];
      for (const row of inserted) {
        dailyOf(planOf(row.tenant_id), row.day).users += 1;
        monthlyOf(row.tenant_id, row.day).userDays += 1;
      }
    }
    for (const e of relevant) {
      if (e.metric === 'active_users') continue;
      const at = new Date(e.timestamp);
      const d = day(at);
      const quantity = Number(e.quantity);
      const plan = planOf(e.tenantId);
      if (e.metric === 'bandwidth_bytes') {
        dailyOf(plan, d).bandwidth += quantity;
        continue;
      }
      dailyOf(plan, d).api += quantity;
      monthlyOf(e.tenantId, d).api += quantity;
      const key = `${plan}|${d}|${at.getUTCHours()}`;
      const row = hourly.get(key) ?? { plan, day: d, hour: at.getUTCHours(), api: 0 };
      row.api += quantity;
      hourly.set(key, row);
    }
    // Sorted keys: two batches never lock the same rows in opposite orders.
    const sortedDaily = [...daily.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r);
    if (sortedDaily.length > 0) {
      await db.query(
        `INSERT INTO analytics_plan_daily (plan_id, day, api_calls, bandwidth_bytes, active_users)
         SELECT * FROM unnest($1::text[], $2::date[], $3::numeric[], $4::numeric[], $5::int[])
         ON CONFLICT (plan_id, day) DO UPDATE SET api_calls = analytics_plan_daily.api_calls + EXCLUDED.api_calls,
           bandwidth_bytes = analytics_plan_daily.bandwidth_bytes + EXCLUDED.bandwidth_bytes, active_users = analytics_plan_daily.active_users + EXCLUDED.active_users`,
        [sortedDaily.map((r) => r.plan), sortedDaily.map((r) => r.day), sortedDaily.map((r) => String(r.api)), sortedDaily.map((r) => String(r.bandwidth)), sortedDaily.map((r) => r.users)],
      );
    }
    const sortedHourly = [...hourly.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r);
    if (sortedHourly.length > 0) {
      await db.query(
        `INSERT INTO analytics_plan_hourly (plan_id, day, hour, api_calls) SELECT * FROM unnest($1::text[], $2::date[], $3::smallint[], $4::numeric[])
         ON CONFLICT (plan_id, day, hour) DO UPDATE SET api_calls = analytics_plan_hourly.api_calls + EXCLUDED.api_calls`,
        [sortedHourly.map((r) => r.plan), sortedHourly.map((r) => r.day), sortedHourly.map((r) => r.hour), sortedHourly.map((r) => String(r.api))],
      );
    }
    const sortedMonthly = [...monthly.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r);
    if (sortedMonthly.length > 0) {
      await db.query(
        `INSERT INTO analytics_tenant_monthly (tenant_id, month, api_calls, active_user_days) SELECT * FROM unnest($1::uuid[], $2::date[], $3::numeric[], $4::int[])
         ON CONFLICT (tenant_id, month) DO UPDATE SET api_calls = analytics_tenant_monthly.api_calls + EXCLUDED.api_calls,
           active_user_days = analytics_tenant_monthly.active_user_days + EXCLUDED.active_user_days`,
        [sortedMonthly.map((r) => r.tenant), sortedMonthly.map((r) => r.month), sortedMonthly.map((r) => String(r.api)), sortedMonthly.map((r) => r.userDays)],
      );
    }
  }

  async usageDays(range: AnalyticsRange): Promise<UsageDayRow[]> {
    return (await this.read(
      `SELECT day::text AS day, sum(api_calls)::float8 AS "apiCalls", sum(bandwidth_bytes)::float8 AS "bandwidthBytes", sum(active_users)::int AS "activeUsers",
              sum(degraded_requests)::float8 AS "degradedRequests", sum(degraded_errors)::float8 AS "degradedErrors"
         FROM analytics_plan_daily WHERE day >= $1::date AND day <= $2::date AND ($3::text IS NULL OR plan_id = $3) GROUP BY day ORDER BY day`,
      [range.from, range.to, range.plan],
    )) as UsageDayRow[];
  }

  async hourOfDay(range: AnalyticsRange): Promise<number[]> {
    const rows = (await this.read(
      `SELECT hour, sum(api_calls)::float8 AS calls FROM analytics_plan_hourly WHERE day >= $1::date AND day <= $2::date AND ($3::text IS NULL OR plan_id = $3) GROUP BY hour`,
      [range.from, range.to, range.plan],
    )) as { hour: number; calls: number }[];
    const hours = new Array<number>(24).fill(0);
    for (const row of rows) hours[row.hour] = row.calls;
    return hours;
  }

  private static readonly COUNTED = `created_at IS NOT NULL AND created_at < $2::date + 1 AND (churned_at IS NULL OR churned_at >= $1::date) AND ($3::text IS NULL OR plan_id = $3)`;

  async features(range: AnalyticsRange): Promise<{ tenants: number; features: FeatureCount[] }> {
    const [count] = (await this.read(`SELECT count(*)::int AS n FROM analytics_tenants WHERE ${PostgresAnalyticsRepository.COUNTED}`, [
      range.from,
      range.to,
      range.plan,
    ])) as [{ n: number }];
    const features = (await this.read(
      `SELECT f AS feature, count(*)::int AS tenants,
              count(*) FILTER (WHERE ff.first_at >= $1::date AND ff.first_at < $2::date + 1)::int AS "adoptedInRange"
         FROM analytics_tenants t CROSS JOIN LATERAL unnest(t.features) f
         LEFT JOIN analytics_feature_first ff ON ff.tenant_id = t.tenant_id AND ff.feature = f
        WHERE ${PostgresAnalyticsRepository.COUNTED.replace(/(created_at|churned_at|plan_id)/g, 't.$1')}
        GROUP BY f ORDER BY count(*) DESC, f`,
      [range.from, range.to, range.plan],
    )) as FeatureCount[];
    return { tenants: count.n, features };
  }

  async revenue(range: AnalyticsRange): Promise<RevenueRow[]> {
    return (await this.read(
      `SELECT to_char(i.month, 'YYYY-MM') AS month, i.currency, sum(i.amount_minor)::float8 AS "mrrMinor", count(DISTINCT i.tenant_id)::int AS "payingTenants"
         FROM analytics_invoices i LEFT JOIN analytics_tenants t ON t.tenant_id = i.tenant_id
        WHERE NOT i.voided AND i.month >= date_trunc('month', $1::date) AND i.month <= $2::date AND ($3::text IS NULL OR t.plan_id = $3)
        GROUP BY i.month, i.currency ORDER BY i.month, i.currency`,
      [range.from, range.to, range.plan],
    )) as RevenueRow[];
  }

  async growth(range: AnalyticsRange): Promise<GrowthRow[]> {
    const rows = (await this.read(
      `SELECT to_char(m, 'YYYY-MM') AS month,
              count(*) FILTER (WHERE created_at >= m AND created_at < m + interval '1 month')::int AS created,
              count(*) FILTER (WHERE activated_at >= m AND activated_at < m + interval '1 month')::int AS activated,
              count(*) FILTER (WHERE churned_at >= m AND churned_at < m + interval '1 month' AND activated_at < churned_at)::int AS churned,
              count(*) FILTER (WHERE activated_at < m AND (churned_at IS NULL OR churned_at >= m))::int AS "activeAtStart",
              count(*) FILTER (WHERE activated_at < m AND churned_at >= m AND churned_at < m + interval '1 month')::int AS "churnedFromStart"
         FROM generate_series(date_trunc('month', $1::date), date_trunc('month', $2::date), interval '1 month') m
         CROSS JOIN (SELECT created_at, activated_at, churned_at FROM analytics_tenants WHERE created_at IS NOT NULL AND ($3::text IS NULL OR plan_id = $3)) t
        GROUP BY m ORDER BY m`,
      [range.from, range.to, range.plan],
    )) as GrowthRow[];
    if (rows.length > 0) return rows;
    return monthsBetween(range.from, range.to).map((month) => ({ month, created: 0, activated: 0, churned: 0, activeAtStart: 0, churnedFromStart: 0 }));
  }

  async measures(range: AnalyticsRange): Promise<TenantMeasures[]> {
    const months = monthsBetween(range.from, range.to).length;
    return (await this.read(
      `WITH bounds AS (SELECT date_trunc('month', $1::date)::date AS cur, (date_trunc('month', $1::date) - make_interval(months => $4))::date AS prev, $2::date AS last),
            usage AS (
              SELECT m.tenant_id,
                     sum(m.api_calls) FILTER (WHERE m.month >= b.cur)::float8 AS cur,
                     sum(m.api_calls) FILTER (WHERE m.month < b.cur)::float8 AS prev
                FROM analytics_tenant_monthly m, bounds b WHERE m.month >= b.prev AND m.month <= b.last GROUP BY m.tenant_id)
       SELECT t.tenant_id AS "tenantId", t.plan_id AS plan, coalesce(u.cur, 0) AS usage, coalesce(u.prev, 0) AS "previousUsage", s.overall AS health
         FROM analytics_tenants t LEFT JOIN usage u ON u.tenant_id = t.tenant_id LEFT JOIN scores s ON s.tenant_id = t.tenant_id
        WHERE t.plan_id IS NOT NULL AND ${PostgresAnalyticsRepository.COUNTED.replace(/(created_at|churned_at|plan_id)/g, 't.$1')}`,
      [range.from, range.to, range.plan, months],
    )) as TenantMeasures[];
  }
}
