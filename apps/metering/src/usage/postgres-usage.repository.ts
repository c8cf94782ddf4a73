/** Usage on PostgreSQL: set-based statements over unnest()ed arrays, one per batch and table. */
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Granularity } from '../billable-metrics/metric-catalogue';
import { AggregateContribution, AggregatePoint, PeriodFigure, UniqueMember, UsageEventRecord } from './usage-event.row';
import { EventKey, eventKey, memberKey, UsageRepository } from './usage.repository';

interface EventRow {
  tenant_id: string;
  event_id: string;
  occurred_on: string;
  occurred_at: Date;
  metric: string;
  quantity: string;
  source: string;
  member: string | null;
}

interface PointRow {
  metric: string;
  window_start: Date;
  value: string;
}

const toPoint = (row: PointRow): AggregatePoint => ({ metric: row.metric, windowStart: row.window_start, value: row.value });

@Injectable()
export class PostgresUsageRepository extends UsageRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async countedEvents(keys: readonly EventKey[], since: string, tx?: Transaction): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = (await (tx ? entityManagerOf(tx) : this.dataSource.manager).query(
      `SELECT DISTINCT e.tenant_id, e.source, e.event_id
         FROM usage_event e
         JOIN unnest($1::uuid[], $2::text[], $3::text[]) AS k(tenant_id, source, event_id)
           ON k.tenant_id = e.tenant_id AND k.source = e.source AND k.event_id = e.event_id
        WHERE e.occurred_on >= $4::date`,
      [keys.map((key) => key.tenantId), keys.map((key) => key.source), keys.map((key) => key.eventId), since],
    )) as { tenant_id: string; source: string; event_id: string }[];
    return new Set(rows.map((row) => eventKey({ tenantId: row.tenant_id, source: row.source, eventId: row.event_id })));
  }

  async insertNewEvents(tx: Transaction, events: readonly UsageEventRecord[]): Promise<UsageEventRecord[]> {
    if (events.length === 0) return [];
    const rows = (await entityManagerOf(tx).query(
      `INSERT INTO usage_event (tenant_id, event_id, occurred_on, occurred_at, metric, quantity, source, member)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::timestamptz[], $5::text[], $6::numeric[], $7::text[], $8::text[])
       ON CONFLICT DO NOTHING
       RETURNING tenant_id, event_id, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, occurred_at, metric, quantity::text AS quantity, source, member`,
      [
        events.map((event) => event.tenantId),
        events.map((event) => event.eventId),
        events.map((event) => event.occurredOn),
        events.map((event) => event.occurredAt.toISOString()),
        events.map((event) => event.metric),
        events.map((event) => event.quantity),
        events.map((event) => event.source),
        events.map((event) => event.member),
      ],
    )) as EventRow[];
    return rows.map((row) => ({
      tenantId: row.tenant_id,
      eventId: row.event_id,
      occurredOn: row.occurred_on,
      occurredAt: row.occurred_at,
      metric: row.metric,
      quantity: row.quantity,
      source: row.source,
      member: row.member,
    }));
  }

  async insertNewMembers(tx: Transaction, members: readonly UniqueMember[]): Promise<Set<string>> {
    if (members.length === 0) return new Set();
    const rows = (await entityManagerOf(tx).query(
      `INSERT INTO usage_unique (tenant_id, metric, granularity, window_start, source, group_key, member)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[])
       ON CONFLICT DO NOTHING
       RETURNING tenant_id, metric, granularity, window_start, source, group_key, member`,
      [
        members.map((m) => m.tenantId),
        members.map((m) => m.metric),
        members.map((m) => m.granularity),
        members.map((m) => m.windowStart.toISOString()),
        members.map((m) => m.source),
        members.map((m) => m.groupKey),
        members.map((m) => m.member),
      ],
    )) as { tenant_id: string; metric: string; granularity: Granularity; window_start: Date; source: string; group_key: string; member: string }[];
    return new Set(
      rows.map((row) => memberKey({ tenantId: row.tenant_id, metric: row.metric, granularity: row.granularity, windowStart: row.window_start, source: row.source, groupKey: row.group_key, member: row.member })),
    );
  }

  async applyContributions(tx: Transaction, contributions: readonly AggregateContribution[]): Promise<void> {
    if (contributions.length === 0) return;
    // Grouped first, so one statement never touches the same aggregate row twice.
    await entityManagerOf(tx).query(
      `INSERT INTO usage_aggregate AS a (tenant_id, metric, granularity, window_start, source, group_key, aggregation, value, events, latest_at)
       SELECT tenant_id, metric, granularity, window_start, source, group_key, min(aggregation),
              CASE min(aggregation)
                WHEN 'max' THEN max(quantity)
                WHEN 'latest' THEN (array_agg(quantity ORDER BY occurred_at DESC, event_id DESC))[1]
                ELSE sum(quantity)
              END,
              count(*), max(occurred_at)
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::numeric[], $7::timestamptz[], $8::text[], $9::text[], $10::text[])
              AS c(tenant_id, metric, granularity, window_start, aggregation, quantity, occurred_at, event_id, source, group_key)
        GROUP BY tenant_id, metric, granularity, window_start, source, group_key
       ON CONFLICT (tenant_id, granularity, metric, window_start, source, group_key) DO UPDATE SET
         value = CASE a.aggregation
                   WHEN 'max' THEN greatest(a.value, excluded.value)
                   WHEN 'latest' THEN CASE WHEN excluded.latest_at >= a.latest_at THEN excluded.value ELSE a.value END
                   ELSE a.value + excluded.value
                 END,
         events = a.events + excluded.events,
         latest_at = greatest(a.latest_at, excluded.latest_at)`,
      [
        contributions.map((c) => c.tenantId),
        contributions.map((c) => c.metric),
        contributions.map((c) => c.granularity),
        contributions.map((c) => c.windowStart.toISOString()),
        contributions.map((c) => c.aggregation),
        contributions.map((c) => c.quantity),
        contributions.map((c) => c.occurredAt.toISOString()),
        contributions.map((c) => c.eventId),
        contributions.map((c) => c.source),
        contributions.map((c) => c.groupKey),
      ],
    );
  }

  async series(query: TenantScope & { granularity: Granularity; from: Date; to: Date; metric?: string }): Promise<AggregatePoint[]> {
    const rows = (await this.dataSource.query(
      `SELECT metric, window_start, value::text AS value FROM usage_aggregate
        WHERE tenant_id = $1 AND granularity = $2 AND window_start >= $3 AND window_start < $4 AND ($5::text IS NULL OR metric = $5)
          AND source = 'counted' AND group_key = ''
        ORDER BY metric, window_start`,
      [query.tenantId, query.granularity, query.from.toISOString(), query.to.toISOString(), query.metric ?? null],
    )) as PointRow[];
    return rows.map(toPoint);
  }

  async currentPeriod(query: TenantScope & { periodStart: Date; metric?: string; groupBy?: string }): Promise<PeriodFigure[]> {
    const rows = (await this.dataSource.query(
      `SELECT metric, window_start, value::text AS value, source, group_key FROM usage_aggregate
        WHERE tenant_id = $1 AND granularity = 'month' AND window_start = $2 AND ($3::text IS NULL OR metric = $3)
          AND (group_key = '' OR ($4::text IS NOT NULL AND source = 'counted' AND starts_with(group_key, $4 || '=')))
        ORDER BY metric, source, group_key`,
      [query.tenantId, query.periodStart.toISOString(), query.metric ?? null, query.groupBy ?? null],
    )) as (PointRow & { source: string; group_key: string })[];
    return rows.map((row) => ({ ...toPoint(row), source: row.source, groupKey: row.group_key }));
  }
}
