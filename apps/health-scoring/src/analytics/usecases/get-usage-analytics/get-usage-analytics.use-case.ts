/**
 * Usage analytics over a range of days: API calls, bandwidth and daily active users per day, API
 * calls per UTC hour of day, the error rate the gateway's degraded windows report, feature
 * utilisation among the tenants counted, and active users against the equally long range before.
 */
import { Injectable } from '@nestjs/common';
import { UsageAnalyticsDto } from '@tenantry/health-api';
import { daysBetween, growthPercent, round } from '../../analytics-rules';
import { AnalyticsCache } from '../../analytics-cache';
import { AnalyticsRange, AnalyticsRepository } from '../../analytics.repository';
import { checkedRange } from '../analytics-range';
import { GetUsageAnalyticsCommand } from './get-usage-analytics.command';

const shiftDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

@Injectable()
export class GetUsageAnalyticsUseCase {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly cache: AnalyticsCache,
  ) {}

  async execute(command: GetUsageAnalyticsCommand): Promise<UsageAnalyticsDto> {
    const range = checkedRange(command.from, command.to, command.plan);
    const { value, asOf } = await this.cache.get(`usage|${range.from}|${range.to}|${range.plan ?? ''}`, () => this.compute(range));
    return { ...value, asOf: asOf.toISOString() };
  }

  private async compute(range: AnalyticsRange): Promise<Omit<UsageAnalyticsDto, 'asOf'>> {
    const length = daysBetween(range.from, range.to);
    const previous = { from: shiftDays(range.from, -length), to: shiftDays(range.from, -1), plan: range.plan };
    const [days, hours, features, previousDays] = await Promise.all([
      this.analytics.usageDays(range),
      this.analytics.hourOfDay(range),
      this.analytics.features(range),
      this.analytics.usageDays(previous),
    ]);
    const total = days.reduce((sum, d) => sum + d.apiCalls, 0);
    const errors = days.reduce((sum, d) => sum + d.degradedErrors, 0);
    const hourTotal = hours.reduce((sum, h) => sum + h, 0);
    const averageDaily = round(days.reduce((sum, d) => sum + d.activeUsers, 0) / length, 2);
    const previousAverageDaily = round(previousDays.reduce((sum, d) => sum + d.activeUsers, 0) / length, 2);
    return {
      range: { from: range.from, to: range.to, plan: range.plan },
      totalApiCalls: total,
      errorRate: total > 0 ? round(errors / total, 6) : null,
      days: days.map((d) => ({ ...d, errorRate: d.apiCalls > 0 ? round(d.degradedErrors / d.apiCalls, 6) : null })),
      hourOfDay: hours.map((calls, hour) => ({ hour, apiCalls: calls, share: hourTotal > 0 ? round(calls / hourTotal, 4) : 0 })),
      routeFamilies: {},
      tenantsCounted: features.tenants,
      featureUtilisation: features.features.map((f) => ({ feature: f.feature, tenants: f.tenants, share: features.tenants > 0 ? round(f.tenants / features.tenants, 4) : 0 })),
      activeUsers: { averageDaily, previousAverageDaily, growthPercent: growthPercent(averageDaily, previousAverageDaily) },
    };
  }
}
