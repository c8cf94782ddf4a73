/** The summary on PostgreSQL: one SQL statement over the per-tenant aggregates, so every figure describes the same snapshot. */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantValue, UsageSummaryFigures } from './usage-summary.row';
import { SummaryQuery, SummaryRepository } from './summary.repository';

interface FiguresRow {
  tenants: string;
  total: string;
  percentiles: (string | null)[] | null;
  max: string | null;
  sources: { source: string; total: string }[];
  top: TenantValue[];
  page: TenantValue[];
}

@Injectable()
export class PostgresSummaryRepository extends SummaryRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async figures(query: SummaryQuery): Promise<UsageSummaryFigures> {
    // One statement, so the counts, percentiles and lists all describe the same snapshot.
    // percentile_cont works in float8; its result is rounded back to a decimal of at most 12 places.
    const [row] = (await this.dataSource.query(
      `WITH v AS (
         SELECT tenant_id, value FROM usage_aggregate WHERE granularity = $1 AND metric = $2 AND window_start = $3 AND source = 'counted' AND group_key = ''
       ),
       p AS (
         SELECT percentile_cont(ARRAY[0.5, 0.9, 0.95, 0.99]) WITHIN GROUP (ORDER BY value::float8) AS fractions FROM v
       )
       SELECT
         (SELECT count(*) FROM v)::text AS tenants,
         (SELECT coalesce(sum(value), 0) FROM v)::text AS total,
         (SELECT array_agg(round(f::numeric, 12)::text ORDER BY n) FROM p, unnest(p.fractions) WITH ORDINALITY AS x(f, n)) AS percentiles,
         (SELECT max(value) FROM v)::text AS max,
         (SELECT coalesce(json_agg(json_build_object('source', source, 'total', total::text) ORDER BY source), '[]')
            FROM (SELECT source, sum(value) AS total FROM usage_aggregate
                   WHERE granularity = $1 AND metric = $2 AND window_start = $3 AND source <> 'counted' AND group_key = '' GROUP BY source) s) AS sources,
         (SELECT coalesce(json_agg(json_build_object('tenantId', tenant_id, 'value', value::text) ORDER BY value DESC, tenant_id), '[]')
            FROM (SELECT * FROM v ORDER BY value DESC, tenant_id LIMIT $4) t) AS top,
         (SELECT coalesce(json_agg(json_build_object('tenantId', tenant_id, 'value', value::text) ORDER BY value DESC, tenant_id), '[]')
            FROM (SELECT * FROM v
                   WHERE $6::numeric IS NULL OR value < $6::numeric OR (value = $6::numeric AND tenant_id > $7::uuid)
                   ORDER BY value DESC, tenant_id LIMIT $5) t) AS page`,
      [query.granularity, query.metric, query.windowStart.toISOString(), query.top, query.limit + 1, query.after?.value ?? null, query.after?.tenantId ?? null],
    )) as FiguresRow[];
    const percentiles = row?.percentiles ?? [null, null, null, null];
    return {
      tenants: Number(row?.tenants ?? 0),
      total: row?.total ?? '0',
      percentiles: [percentiles[0] ?? null, percentiles[1] ?? null, percentiles[2] ?? null, percentiles[3] ?? null],
      max: row?.max ?? null,
      sources: row?.sources ?? [],
      top: row?.top ?? [],
      page: row?.page ?? [],
    };
  }
}
