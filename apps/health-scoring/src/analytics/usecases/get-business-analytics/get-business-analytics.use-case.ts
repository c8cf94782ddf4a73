/** Business analytics per month of the range: MRR per currency, tenant growth and churn, LTV, feature adoption. */
import { Injectable } from '@nestjs/common';
import { BusinessAnalyticsDto } from '@tenantry/health-api';
import { ltvOf, LTV_METHOD, round } from '../../analytics-rules';
import { AnalyticsCache } from '../../analytics-cache';
import { AnalyticsRange, AnalyticsRepository } from '../../analytics.repository';
import { checkedRange } from '../analytics-range';
import { GetBusinessAnalyticsCommand } from './get-business-analytics.command';

@Injectable()
export class GetBusinessAnalyticsUseCase {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly cache: AnalyticsCache,
  ) {}

  async execute(command: GetBusinessAnalyticsCommand): Promise<BusinessAnalyticsDto> {
    const range = checkedRange(command.from, command.to, command.plan);
    const { value, asOf } = await this.cache.get(`business|${range.from}|${range.to}|${range.plan ?? ''}`, () => this.compute(range));
    return { ...value, asOf: asOf.toISOString() };
  }

  private async compute(range: AnalyticsRange): Promise<Omit<BusinessAnalyticsDto, 'asOf'>> {
    const [revenue, growth, features] = await Promise.all([this.analytics.revenue(range), this.analytics.growth(range), this.analytics.features(range)]);
    const base = growth.reduce((sum, m) => sum + m.activeAtStart, 0);
    const churned = growth.reduce((sum, m) => sum + m.churnedFromStart, 0);
    const monthlyChurnRate = base > 0 ? round(churned / base, 6) : null;
    const currencies = new Map<string, { amount: number; tenantMonths: number }>();
    for (const row of revenue) {
      const totals = currencies.get(row.currency) ?? { amount: 0, tenantMonths: 0 };
      totals.amount += row.mrrMinor;
      totals.tenantMonths += row.payingTenants;
      currencies.set(row.currency, totals);
    }
    return {
      range: { from: range.from, to: range.to, plan: range.plan },
      revenue,
      tenantGrowth: growth.map(({ churnedFromStart, ...m }) => ({ ...m, churnRate: m.activeAtStart > 0 ? round(churnedFromStart / m.activeAtStart, 6) : null })),
      monthlyChurnRate,
      ltv: [...currencies.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([currency, t]) => {
          const averageMrrMinor = Math.round(t.amount / t.tenantMonths);
          return { currency, averageMrrMinor, ltvMinor: ltvOf(averageMrrMinor, monthlyChurnRate) };
        }),
      ltvMethod: LTV_METHOD,
      tenantsCounted: features.tenants,
      featureAdoption: features.features.map((f) => ({ ...f, share: features.tenants > 0 ? round(f.tenants / features.tenants, 4) : 0 })),
    };
  }
}
