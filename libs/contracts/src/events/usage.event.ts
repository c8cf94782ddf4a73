/** Payloads of usage and alert events (topics tenantry.metering.*, tenantry.gateway.api-usage.v1). */
import { IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';

/** A non-negative decimal written as a string so that no precision is lost on the way. */
export const DECIMAL_PATTERN = /^\d{1,30}(\.\d{1,12})?$/;

export const USAGE_SOURCES = ['api', 'gateway', 'collector'] as const;
export type UsageSource = (typeof USAGE_SOURCES)[number];

export class UsageRecordedPayload {
  @IsUUID()
  tenantId!: string;

  /** Client-chosen id: the deduplication key within a tenant. */
  @IsString()
  @Length(1, 200)
  eventId!: string;

  @Matches(/^[a-z][a-z0-9_]{0,62}$/)
  metric!: string;

  @Matches(DECIMAL_PATTERN)
  quantity!: string;

  @IsISO8601()
  timestamp!: string;

  @IsIn(USAGE_SOURCES)
  source!: UsageSource;

  @IsOptional()
  @IsObject()
  properties?: Record<string, string | number | boolean>;
}

export class ApiUsageSampledPayload {
  @IsUUID()
  tenantId!: string;

  @IsISO8601()
  windowStart!: string;

  @IsISO8601()
  windowEnd!: string;

  @IsInt()
  @Min(0)
  apiCalls!: number;

  @IsInt()
  @Min(0)
  requestBytes!: number;

  @IsInt()
  @Min(0)
  responseBytes!: number;
}

export const USAGE_PERIODS = ['hour', 'day', 'month'] as const;

export class UsageThresholdReachedPayload {
  @IsUUID()
  tenantId!: string;

  @IsString()
  metric!: string;

  /** Start of the period the threshold applies to (a billing month for most limits). */
  @IsISO8601()
  periodStart!: string;

  @IsInt()
  @Min(1)
  @Max(100)
  thresholdPercent!: number;

  @Matches(DECIMAL_PATTERN)
  usage!: string;

  @Matches(DECIMAL_PATTERN)
  limit!: string;

  @IsISO8601()
  at!: string;
}

export class UsageLimitExceededPayload {
  @IsUUID()
  tenantId!: string;

  @IsString()
  metric!: string;

  @IsISO8601()
  periodStart!: string;

  @Matches(DECIMAL_PATTERN)
  usage!: string;

  @Matches(DECIMAL_PATTERN)
  limit!: string;

  @IsIn(['soft', 'hard'])
  mode!: 'soft' | 'hard';

  @IsISO8601()
  at!: string;
}

export class UnusualUsageDetectedPayload {
  @IsUUID()
  tenantId!: string;

  @IsString()
  metric!: string;

  @IsISO8601()
  hourStart!: string;

  @IsNumber()
  observed!: number;

  @IsNumber()
  baselineMean!: number;

  @IsNumber()
  baselineStdDev!: number;

  @IsNumber()
  baselineMedian!: number;

  @IsISO8601()
  at!: string;
}

export class TenantPerformanceDegradedPayload {
  @IsUUID()
  tenantId!: string;

  @IsISO8601()
  windowStart!: string;

  @IsNumber()
  @Min(0)
  p95Ms!: number;

  @IsNumber()
  @Min(0)
  @Max(1)
  errorRate!: number;

  @IsInt()
  @Min(0)
  requests!: number;

  @IsISO8601()
  at!: string;
}
