/**
 * Cross-tenant analytics as health scoring answers them (through the gateway:
 * GET /api/v1/platform/analytics/{usage|business|comparative}), from its pre-aggregated tables.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

/** The longest range one analytics request covers, in days. */
export const MAX_ANALYTICS_DAYS = 732;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PLAN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export class AnalyticsQueryDto {
  @ApiProperty({ example: '2026-11-01', description: 'First UTC day, YYYY-MM-DD' })
  @Matches(DATE, { message: 'from must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a valid date as YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-11-30', description: `Last UTC day, YYYY-MM-DD, not before from, at most ${MAX_ANALYTICS_DAYS} days in all` })
  @Matches(DATE, { message: 'to must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a valid date as YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ example: 'pro', description: 'Only the tenants on this plan (their current plan)' })
  @IsOptional()
  @Matches(PLAN, { message: 'plan must be a plan id (letters, digits, . _ -)' })
  plan?: string;
}

export class ComparativeQueryDto extends AnalyticsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: 'Tenants per page (the `tenants` list, ordered by tenant id)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 1 to 1000' })
  @Min(1, { message: 'must be an integer from 1 to 1000' })
  @Max(1000, { message: 'must be an integer from 1 to 1000' })
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer of 0 or more' })
  @Min(0, { message: 'must be an integer of 0 or more' })
  offset?: number;
}

export class AnalyticsRangeDto {
  @ApiProperty({ example: '2026-11-01' }) from!: string;
  @ApiProperty({ example: '2026-11-30' }) to!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The plan filter, null for every plan' }) plan!: string | null;
}

export class UsageDayDto {
  @ApiProperty({ example: '2026-11-03' }) day!: string;
  @ApiProperty({ description: 'API calls (metric api_calls)' }) apiCalls!: number;
  @ApiProperty({ description: 'Bytes (metric bandwidth_bytes)' }) bandwidthBytes!: number;
  @ApiProperty({ description: 'Distinct active users of the day, summed over tenants' }) activeUsers!: number;
  @ApiProperty({ description: "Requests of the gateway's degraded performance windows that started that day" }) degradedRequests!: number;
  @ApiProperty({ description: 'Errors reported in those windows (error rate × requests)' }) degradedErrors!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'degradedErrors ÷ apiCalls (a lower bound: the gateway reports errors only for degraded windows); null without API calls' })
  errorRate!: number | null;
}

export class HourOfDayDto {
  @ApiProperty({ minimum: 0, maximum: 23, description: 'UTC hour of the usage timestamp' }) hour!: number;
  @ApiProperty() apiCalls!: number;
  @ApiProperty({ description: 'Share of the range’s API calls, 0–1' }) share!: number;
}

export class FeatureUseDto {
  @ApiProperty({ example: 'sso' }) feature!: string;
  @ApiProperty({ description: 'Tenants with the feature enabled in their latest configuration' }) tenants!: number;
  @ApiProperty({ description: 'tenants ÷ the tenants counted, 0–1' }) share!: number;
}

export class ActiveUsersDto {
  @ApiProperty({ description: 'Average daily active users (summed over tenants) over the range' }) averageDaily!: number;
  @ApiProperty({ description: 'The same over the equally long range just before' }) previousAverageDaily!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Growth in % against the previous range; null when it had none' }) growthPercent!: number | null;
}

export class UsageAnalyticsDto {
  @ApiProperty({ type: AnalyticsRangeDto }) range!: AnalyticsRangeDto;
  @ApiProperty({ format: 'date-time', description: 'When these figures were computed from the pre-aggregated tables: answers are kept in memory for at most ANALYTICS_CACHE_MS (default 5 s)' })
  asOf!: string;
  @ApiProperty() totalApiCalls!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Errors reported in degraded windows ÷ API calls over the range (lower bound)' }) errorRate!: number | null;
  @ApiProperty({ type: [UsageDayDto], description: 'One entry per day with data' }) days!: UsageDayDto[];
  @ApiProperty({ type: [HourOfDayDto], description: 'API calls per UTC hour of day, 24 entries' }) hourOfDay!: HourOfDayDto[];
  @ApiProperty({ description: 'Per route family: not published by the gateway yet (its ApiUsageSampled windows carry no route); always empty until they do' , type: 'object', additionalProperties: { type: 'number' } })
  routeFamilies!: Record<string, number>;
  @ApiProperty({ description: 'Tenants counted for feature utilisation: created by `to`, not churned before `from`' }) tenantsCounted!: number;
  @ApiProperty({ type: [FeatureUseDto] }) featureUtilisation!: FeatureUseDto[];
  @ApiProperty({ type: ActiveUsersDto }) activeUsers!: ActiveUsersDto;
}

export class BusinessRevenueMonthDto {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ description: 'Sum of the invoices (not voided) whose period starts in the month, minor units' }) mrrMinor!: number;
  @ApiProperty({ description: 'Tenants with such an invoice' }) payingTenants!: number;
}

export class TenantGrowthMonthDto {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty() created!: number;
  @ApiProperty({ description: 'First activation in the month' }) activated!: number;
  @ApiProperty({ description: 'Activated tenants that became inactive, started offboarding or were deleted (first time) in the month' }) churned!: number;
  @ApiProperty({ description: 'Tenants activated before the month and not churned before it' }) activeAtStart!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Churned among activeAtStart ÷ activeAtStart, 0–1; null when activeAtStart is 0' }) churnRate!: number | null;
}

export class LtvDto {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ description: 'Average MRR per paying tenant per month over the range (Σ mrrMinor ÷ Σ payingTenants), minor units' }) averageMrrMinor!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'averageMrrMinor ÷ monthlyChurnRate, minor units; null when the churn rate is 0 or unknown (unbounded)' }) ltvMinor!: number | null;
}

export class FeatureAdoptionDto {
  @ApiProperty() feature!: string;
  @ApiProperty({ description: 'Tenants with it enabled now' }) tenants!: number;
  @ApiProperty({ description: 'tenants ÷ the tenants counted, 0–1' }) share!: number;
  @ApiProperty({ description: 'Tenants that enabled it for the first time within the range' }) adoptedInRange!: number;
}

export class BusinessAnalyticsDto {
  @ApiProperty({ type: AnalyticsRangeDto }) range!: AnalyticsRangeDto;
  @ApiProperty({ format: 'date-time', description: 'When these figures were computed from the pre-aggregated tables: answers are kept in memory for at most ANALYTICS_CACHE_MS (default 5 s)' })
  asOf!: string;
  @ApiProperty({ type: [BusinessRevenueMonthDto] }) revenue!: BusinessRevenueMonthDto[];
  @ApiProperty({ type: [TenantGrowthMonthDto] }) tenantGrowth!: TenantGrowthMonthDto[];
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Σ churned among active at start ÷ Σ active at start over the months, 0–1' }) monthlyChurnRate!: number | null;
  @ApiProperty({ type: [LtvDto] }) ltv!: LtvDto[];
  @ApiProperty({ description: 'How LTV is computed' }) ltvMethod!: string;
  @ApiProperty() tenantsCounted!: number;
  @ApiProperty({ type: [FeatureAdoptionDto] }) featureAdoption!: FeatureAdoptionDto[];
}

export class MeasureDistributionDto {
  @ApiProperty({ description: 'Tenants with a value' }) count!: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) p10!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) p25!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) p50!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) p75!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) p90!: number | null;
}

export class PlanDistributionDto {
  @ApiProperty() plan!: string;
  @ApiProperty() tenants!: number;
  @ApiProperty({ type: MeasureDistributionDto }) usage!: MeasureDistributionDto;
  @ApiProperty({ type: MeasureDistributionDto }) health!: MeasureDistributionDto;
  @ApiProperty({ type: MeasureDistributionDto }) growth!: MeasureDistributionDto;
}

export class TenantPositionDto {
  @ApiProperty() tenantId!: string;
  @ApiProperty() plan!: string;
  @ApiProperty({ description: 'API calls in the months of the range' }) usage!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Current overall health score' }) health!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'API calls against the equally many months before, in %; null when those had none' }) growth!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) usagePercentile!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) healthPercentile!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) growthPercentile!: number | null;
}

export class RiskIndicatorDto {
  @ApiProperty() tenantId!: string;
  @ApiProperty() plan!: string;
  @ApiProperty({ type: [String], enum: ['usage', 'health', 'growth'], description: 'The measures on which it is in the bottom decile of its plan (percentile ≤ 10)' }) measures!: string[];
  @ApiProperty({ description: 'Its lowest percentile among them' }) lowestPercentile!: number;
}

export class ComparativeAnalyticsDto {
  @ApiProperty({ type: AnalyticsRangeDto }) range!: AnalyticsRangeDto;
  @ApiProperty({ format: 'date-time', description: 'When these figures were computed from the pre-aggregated tables: answers are kept in memory for at most ANALYTICS_CACHE_MS (default 5 s)' })
  asOf!: string;
  @ApiProperty({ description: 'How percentiles and the distribution are computed' }) method!: string;
  @ApiProperty({ type: [PlanDistributionDto] }) plans!: PlanDistributionDto[];
  @ApiProperty({ type: [RiskIndicatorDto], description: 'Every tenant in the bottom decile of its plan on a measure, lowest first' }) riskIndicators!: RiskIndicatorDto[];
  @ApiProperty({ description: 'Tenants compared in all' }) total!: number;
  @ApiProperty({ type: [TenantPositionDto], description: 'One page (limit, offset), ordered by tenant id' }) tenants!: TenantPositionDto[];
}
