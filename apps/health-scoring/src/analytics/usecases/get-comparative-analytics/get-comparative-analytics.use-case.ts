/**
 * Comparative analytics: each tenant's mid-rank percentile among the tenants of its plan on usage
 * (API calls in the months of the range), health (current overall score) and growth (usage against
 * the equally many months before); the distribution of each measure per plan; the tenants in the
 * bottom decile of their plan on any measure.
 */
import { Injectable } from '@nestjs/common';
import { ComparativeAnalyticsDto, MeasureDistributionDto, PlanDistributionDto, RiskIndicatorDto, TenantPositionDto } from '@tenantry/health-api';
import { BOTTOM_DECILE, growthPercent, midRankPercentiles, quantile } from '../../analytics-rules';
import { AnalyticsCache } from '../../analytics-cache';
import { AnalyticsRange, AnalyticsRepository } from '../../analytics.repository';
import { checkedRange } from '../analytics-range';
import { GetComparativeAnalyticsCommand } from './get-comparative-analytics.command';

export const PERCENTILE_METHOD =
  "Peers: the tenants on the same (current) plan, created by `to` and not churned before `from`. usage = API calls in the months the range touches; health = the current overall score; growth = usage against the equally many months before, in % (none when those had no calls). " +
  'Percentile (mid-rank): 100 × (B + E/2) ÷ N, with N the peers that have a value of the measure, B those strictly below the tenant, E those equal to it (itself included); 2 decimals. ' +
  'Distribution: p10/p25/p50/p75/p90 by linear interpolation between closest ranks (h = (N − 1) × p; PostgreSQL percentile_cont). Risk indicators: a percentile of 10 or less on any measure (the bottom decile).';

const MEASURES = ['usage', 'health', 'growth'] as const;
type Measure = (typeof MEASURES)[number];

function distribution(values: number[]): MeasureDistributionDto {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p10: quantile(sorted, 0.1), p25: quantile(sorted, 0.25), p50: quantile(sorted, 0.5), p75: quantile(sorted, 0.75), p90: quantile(sorted, 0.9) };
}

/** Every tenant's position (ordered by tenant id), the distributions and the risk indicators of one range. */
interface Comparison extends Pick<ComparativeAnalyticsDto, 'range' | 'method' | 'plans' | 'riskIndicators'> {
  positions: TenantPositionDto[];
}

@Injectable()
export class GetComparativeAnalyticsUseCase {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly cache: AnalyticsCache,
  ) {}

  /** The comparison of the whole range is computed (and cached) once; each request answers its page of it. */
  async execute(command: GetComparativeAnalyticsCommand): Promise<ComparativeAnalyticsDto> {
    const range = checkedRange(command.from, command.to, command.plan);
    const { value, asOf } = await this.cache.get(`comparative|${range.from}|${range.to}|${range.plan ?? ''}`, () => this.compare(range));
    return {
      range: value.range,
      method: value.method,
      asOf: asOf.toISOString(),
      plans: value.plans,
      riskIndicators: value.riskIndicators,
      total: value.positions.length,
      tenants: value.positions.slice(command.offset, command.offset + command.limit),
    };
  }

  private async compare(range: AnalyticsRange): Promise<Comparison> {
    const rows = await this.analytics.measures(range);
    const positions: TenantPositionDto[] = rows.map((r) => ({
      tenantId: r.tenantId,
      plan: r.plan,
      usage: r.usage,
      health: r.health,
      growth: growthPercent(r.usage, r.previousUsage),
      usagePercentile: null,
      healthPercentile: null,
      growthPercentile: null,
    }));
    const byPlan = new Map<string, TenantPositionDto[]>();
    for (const p of positions) {
      const list = byPlan.get(p.plan) ?? [];
      list.push(p);
      byPlan.set(p.plan, list);
    }
    const plans: PlanDistributionDto[] = [];
    for (const [plan, tenants] of [...byPlan.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const entry = { plan, tenants: tenants.length } as PlanDistributionDto;
      for (const measure of MEASURES) {
        const withValue = tenants.filter((t) => t[measure] !== null);
        const values = withValue.map((t) => t[measure] as number);
        midRankPercentiles(values).forEach((percentile, i) => {
          (withValue[i] as TenantPositionDto)[`${measure}Percentile`] = percentile;
        });
        entry[measure] = distribution(values);
      }
      plans.push(entry);
    }
    const riskIndicators: RiskIndicatorDto[] = [];
    for (const p of positions) {
      const low = MEASURES.filter((m: Measure) => {
        const value = p[`${m}Percentile`];
        return value !== null && value <= BOTTOM_DECILE;
      });
      if (low.length > 0) {
        riskIndicators.push({ tenantId: p.tenantId, plan: p.plan, measures: low, lowestPercentile: Math.min(...low.map((m) => p[`${m}Percentile`] as number)) });
      }
    }
    riskIndicators.sort((a, b) => a.lowestPercentile - b.lowestPercentile || (a.tenantId < b.tenantId ? -1 : 1));
    positions.sort((a, b) => (a.tenantId < b.tenantId ? -1 : 1));
    return { range: { from: range.from, to: range.to, plan: range.plan }, method: PERCENTILE_METHOD, plans, riskIndicators, positions };
  }
}
