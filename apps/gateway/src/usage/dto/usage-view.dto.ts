/** What the usage routes answer (metering's views, documented for the OpenAPI document). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { USAGE_GRANULARITIES } from '@tenantry/usage-api';

const USAGE_RESULT_STATUSES = ['accepted', 'duplicate', 'rejected'] as const;
export type UsageResultStatus = (typeof USAGE_RESULT_STATUSES)[number];

/** One event's outcome, by its position in the request. */
export interface UsageResult {
  index: number;
  eventId: string;
  status: UsageResultStatus;
  reason?: string;
}

export class UsageResultDto implements UsageResult {
  @ApiProperty({ example: 0 }) index!: number;
  @ApiProperty({ example: 'req-7f9c-0001' }) eventId!: string;
  @ApiProperty({ enum: USAGE_RESULT_STATUSES }) status!: UsageResultStatus;
  @ApiPropertyOptional({ example: 'unknown-metric', description: 'Why an event was rejected, e.g. `unknown-tenant`, `unknown-metric`, `metric-not-writable` (a metric the platform measures itself), `invalid-quantity`, `timestamp-too-late`' })
  reason?: string;
}

export class UsageResultsDto {
  @ApiProperty({ type: [UsageResultDto] }) results!: UsageResultDto[];
}

class UsagePointDto {
  @ApiProperty({ format: 'date-time' }) windowStart!: string;
  @ApiProperty({ example: '1250', description: 'Exact decimal' }) value!: string;
}

class UsageSeriesDto {
  @ApiProperty({ example: 'api_calls' }) metric!: string;
  @ApiProperty({ type: [UsagePointDto] }) points!: UsagePointDto[];
}

class CurrentUsageDto {
  @ApiProperty({ example: 'api_calls' }) metric!: string;
  @ApiProperty({ format: 'date-time', description: 'Start of the billing month (UTC calendar month)' }) periodStart!: string;
  @ApiProperty({ example: '1250' }) value!: string;
}

export class UsageViewDto {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ enum: USAGE_GRANULARITIES }) granularity!: string;
  @ApiProperty({ type: [UsageSeriesDto] }) series!: UsageSeriesDto[];
  @ApiProperty({ type: [CurrentUsageDto], description: 'Every metric in the current billing month' }) current!: CurrentUsageDto[];
}

const ALERT_KINDS = ['threshold-80', 'threshold-100', 'exceeded-soft', 'exceeded-hard', 'anomaly'] as const;

class UsageAlertDto {
  @ApiProperty({ format: 'uuid' }) alertId!: string;
  @ApiProperty({ example: 'api_calls' }) metric!: string;
  @ApiProperty({ enum: ALERT_KINDS, description: '80 % or 100 % of a limit reached, a limit exceeded (in its mode), or unusual hourly usage' }) kind!: string;
  @ApiProperty({ type: 'integer', enum: [80, 100], nullable: true, description: 'The threshold of a threshold alert' }) thresholdPercent!: number | null;
  @ApiProperty({ enum: ['soft', 'hard'], nullable: true, description: 'The mode the limit was exceeded in; for a threshold, the limit’s mode now; null for an anomaly or without a limit' })
  level!: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: '100', description: 'The limit it was raised against; null for an anomaly' }) limit!: string | null;
  @ApiProperty({ example: '105', description: 'The usage that raised it (the month’s, or the hour’s for an anomaly)' }) usage!: string;
  @ApiProperty({ format: 'date-time', description: 'The billing month, or the hour of an anomaly' }) periodStart!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
}

export class UsageAlertsDto {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ type: [UsageAlertDto], description: 'Newest first' }) alerts!: UsageAlertDto[];
}

class TenantValueDto {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ example: '1250' }) value!: string;
}

class UsagePercentilesDto {
  @ApiProperty({ type: 'string', nullable: true }) p50!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) p90!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) p95!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) p99!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) max!: string | null;
}

export class UsageSummaryDto {
  @ApiProperty({ example: 'api_calls' }) metric!: string;
  @ApiProperty({ enum: USAGE_GRANULARITIES }) period!: string;
  @ApiProperty({ format: 'date-time' }) windowStart!: string;
  @ApiProperty({ description: 'Tenants with usage in the window' }) tenants!: number;
  @ApiProperty({ example: '98000' }) total!: string;
  @ApiProperty({ type: UsagePercentilesDto, description: 'Over the per-tenant values; null when no tenant has usage' }) percentiles!: UsagePercentilesDto;
  @ApiProperty({ type: [TenantValueDto], description: 'The largest consumers' }) top!: TenantValueDto[];
  @ApiProperty({ type: [TenantValueDto], description: 'A page of per-tenant totals' }) totals!: TenantValueDto[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor!: string | null;
}
