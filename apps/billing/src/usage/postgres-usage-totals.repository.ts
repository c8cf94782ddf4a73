/** Usage totals on PostgreSQL (billing.usage_seen, usage_members, usage_totals): multi-row statements per batch. */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { plainDecimal } from '../money/money';
import { Aggregation } from './billable-metrics';
import { CountedEvent, eventKey, memberKey, PeriodMember, TotalContribution } from './usage-total.row';
import { periodKey, UsageTotalsRepository } from './usage-totals.repository';

const day = (d: Date) => d.toISOString().slice(0, 10);

const MERGE: Record<Aggregation, string> = {
  sum: 't.value + excluded.value',
  count: 't.value + excluded.value',
  unique: 't.value + excluded.value',
  max: 'greatest(t.value, excluded.value)',
  latest: 'CASE WHEN excluded.latest_at >= t.latest_at THEN excluded.value ELSE t.value END',
};

@Injectable()
export class PostgresUsageTotalsRepository extends UsageTotalsRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async markCounted(tx: Transaction, events: readonly CountedEvent[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const rows = (await entityManagerOf(tx).query(
      `INSERT INTO usage_seen (tenant_id, source, event_id, period_start) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[])
       ON CONFLICT DO NOTHING RETURNING tenant_id, source, event_id`,
      [events.map((e) => e.tenantId), events.map((e) => e.source), events.map((e) => e.eventId), events.map((e) => day(e.periodStart))],
    )) as { tenant_id: string; source: string; event_id: string }[];
    return new Set(rows.map((r) => eventKey({ tenantId: r.tenant_id, source: r.source, eventId: r.event_id })));
  }

  async addMembers(tx: Transaction, members: readonly PeriodMember[]): Promise<Set<string>> {
    if (members.length === 0) return new Set();
    const rows = (await entityManagerOf(tx).query(
      `INSERT INTO usage_members (tenant_id, period_start, metric, member) SELECT * FROM unnest($1::uuid[], $2::date[], $3::text[], $4::text[])
       ON CONFLICT DO NOTHING RETURNING tenant_id, to_char(period_start, 'YYYY-MM-DD') AS period_start, metric, member`,
      [members.map((m) => m.tenantId), members.map((m) => day(m.periodStart)), members.map((m) => m.metric), members.map((m) => m.member)],
    )) as { tenant_id: string; period_start: string; metric: string; member: string }[];
    return new Set(rows.map((r) => memberKey({ tenantId: r.tenant_id, periodStart: new Date(`${r.period_start}T00:00:00.000Z`), metric: r.metric, member: r.member })));
  }

  async apply(tx: Transaction, contributions: readonly TotalContribution[]): Promise<void> {
    for (const aggregation of Object.keys(MERGE) as Aggregation[]) {
      const rows = contributions.filter((c) => c.aggregation === aggregation);
      if (rows.length === 0) continue;
      await entityManagerOf(tx).query(
        `INSERT INTO usage_totals AS t (tenant_id, period_start, metric, value, latest_at, events, updated_at)
         SELECT i.*, now() FROM unnest($1::uuid[], $2::date[], $3::text[], $4::numeric[], $5::timestamptz[], $6::bigint[]) AS i
         ON CONFLICT (tenant_id, period_start, metric) DO UPDATE SET value = ${MERGE[aggregation]}, latest_at = greatest(t.latest_at, excluded.latest_at),
           events = t.events + excluded.events, updated_at = now()`,
        [rows.map((r) => r.tenantId), rows.map((r) => day(r.periodStart)), rows.map((r) => r.metric), rows.map((r) => r.value), rows.map((r) => r.latestAt.toISOString()), rows.map((r) => r.events)],
      );
    }
  }

  async billableFrom(tx: Transaction, tenantIds: readonly string[], pastPeriods: number): Promise<Map<string, Date>> {
    if (tenantIds.length === 0) return new Map();
    const rows = (await entityManagerOf(tx).query(
      `SELECT s.tenant_id, to_char(LEAST(s.current_period_start, COALESCE((SELECT min(i.period_start) FROM invoices i WHERE i.tenant_id = s.tenant_id AND i.status = 'draft'), s.current_period_start))
                 - make_interval(months => $2), 'YYYY-MM-DD') AS billable_from
         FROM subscriptions s WHERE s.tenant_id = ANY($1::uuid[])`,
      [[...new Set(tenantIds)], pastPeriods],
    )) as { tenant_id: string; billable_from: string }[];
    return new Map(rows.map((r) => [r.tenant_id, new Date(`${r.billable_from}T00:00:00.000Z`)]));
  }

  async totals(scope: TenantScope & { periodStart: Date }, tx?: Transaction): Promise<Map<string, string>> {
    const rows = (await (tx ? entityManagerOf(tx) : this.dataSource).query(`SELECT metric, value::text AS value FROM usage_totals WHERE tenant_id = $1 AND period_start = $2`, [
      scope.tenantId,
      day(scope.periodStart),
    ])) as { metric: string; value: string }[];
    return new Map(rows.map((r) => [r.metric, plainDecimal(r.value)]));
  }

  override async totalsOf(periods: readonly (TenantScope & { periodStart: Date })[], tx?: Transaction): Promise<Map<string, Map<string, string>>> {
    const found = new Map<string, Map<string, string>>(periods.map((p) => [periodKey(p.tenantId, p.periodStart), new Map<string, string>()]));
    if (periods.length === 0) return found;
    const rows = (await (tx ? entityManagerOf(tx) : this.dataSource).query(
      `SELECT t.tenant_id, to_char(t.period_start, 'YYYY-MM-DD') AS period_start, t.metric, t.value::text AS value
       FROM usage_totals t JOIN unnest($1::uuid[], $2::date[]) AS k(tenant_id, period_start) ON t.tenant_id = k.tenant_id AND t.period_start = k.period_start`,
      [periods.map((p) => p.tenantId), periods.map((p) => day(p.periodStart))],
    )) as { tenant_id: string; period_start: string; metric: string; value: string }[];
    for (const r of rows) found.get(`${r.tenant_id}|${r.period_start}`)?.set(r.metric, plainDecimal(r.value));
    return found;
  }
}
