/** Payloads of usage and alert events (topics tenantry.metering.*, tenantry.gateway.api-usage.v1). */
import { IsBoolean, IsIn, IsInt, IsISO8601, isISO8601, IsNumber, IsObject, isObject, IsOptional, IsString, IsUUID, isUUID, Length, Matches, Max, Min } from 'class-validator';

/** A non-negative decimal written as a string so that no precision is lost on the way. */
export const DECIMAL_PATTERN = /^\d{1,30}(\.\d{1,12})?$/;

const METRIC_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export const USAGE_SOURCES = ['api', 'gateway', 'collector'] as const;
export type UsageSource = (typeof USAGE_SOURCES)[number];

export const USAGE_AGGREGATIONS = ['sum', 'count', 'max', 'latest', 'unique'] as const;
export type UsageAggregation = (typeof USAGE_AGGREGATIONS)[number];

export class UsageRecordedPayload {
  @IsUUID()
  tenantId!: string;

  /** The id its source gave the event: the deduplication key within the tenant and `source` (each source has its own id space). */
  @IsString()
  @Length(1, 200)
  eventId!: string;

  @Matches(METRIC_NAME)
  metric!: string;

  @Matches(DECIMAL_PATTERN)
  quantity!: string;

  @IsISO8601()
  timestamp!: string;

  /** Who recorded it: `api` (the ingestion API, any client), `gateway` (API usage sampling), `collector` (metering's resource collectors, the only source of the metrics the platform measures). */
  @IsIn(USAGE_SOURCES)
  source!: UsageSource;

  @IsOptional()
  @IsObject()
  properties?: Record<string, string | number | boolean>;

  /**
   * Whether the event counts towards the tenant's limits and bill: its source is one of the sources
   * its meter counts (metering decides when recording it). Absent on events recorded before: count
   * them by the metric's own rule.
   */
  @IsOptional()
  @IsBoolean()
  counted?: boolean;

  /** How the meter aggregates (`sum`, `count`, `max`, `latest`, `unique`), so consumers need not know every meter. Absent on events recorded before. */
  @IsOptional()
  @IsIn(USAGE_AGGREGATIONS)
  aggregation?: UsageAggregation;

  /**
   * For a `unique` meter: the member the event brings, i.e. the value of the meter's value property
   * (`userId` for active_users, `seatId` for a custom seats meter), so consumers count distinct
   * members without knowing the meter. Absent on other meters and on events recorded before it was
   * added (active_users: read `properties.userId`).
   */
  @IsOptional()
  @IsString()
  @Length(1)
  member?: string;
}

/**
 * The rules of UsageRecordedPayload's decorators, written out: the hot path (every usage event is
 * checked when published and when consumed) cannot afford class-transformer and class-validator
 * per event. A unit test holds the two to the same verdicts.
 */
export function checkUsageRecorded(value: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const { tenantId, eventId, metric, quantity, timestamp, source, properties, counted, aggregation, member } = value;
  if (typeof tenantId !== 'string' || !isUUID(tenantId)) problems.push('tenantId: must be a UUID');
  if (typeof eventId !== 'string' || eventId.length < 1 || eventId.length > 200) problems.push('eventId: must be a string of 1 to 200 characters');
  if (typeof metric !== 'string' || !METRIC_NAME.test(metric)) problems.push(`metric: must match ${METRIC_NAME}`);
  if (typeof quantity !== 'string' || !DECIMAL_PATTERN.test(quantity)) problems.push(`quantity: must match ${DECIMAL_PATTERN}`);
  if (typeof timestamp !== 'string' || !isISO8601(timestamp)) problems.push('timestamp: must be an ISO 8601 date');
  if (!(USAGE_SOURCES as readonly unknown[]).includes(source)) problems.push(`source: must be one of ${USAGE_SOURCES.join(', ')}`);
  if (properties !== undefined && properties !== null && !isObject(properties)) problems.push('properties: must be an object');
  if (counted !== undefined && typeof counted !== 'boolean') problems.push('counted: must be a boolean');
  if (aggregation !== undefined && !(USAGE_AGGREGATIONS as readonly unknown[]).includes(aggregation)) problems.push(`aggregation: must be one of ${USAGE_AGGREGATIONS.join(', ')}`);
  if (member !== undefined && member !== null && (typeof member !== 'string' || member.length < 1)) problems.push('member: must be a non-empty string');
  return problems;
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
