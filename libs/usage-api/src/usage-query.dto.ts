/**
 * Queries of the usage read routes, one set of rules for the gateway (which checks them at the door
 * and documents them in its OpenAPI) and metering (which answers them). Metering narrows `metric`
 * to the metrics it knows where it has to (the summary).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export const USAGE_GRANULARITIES = ['hour', 'day', 'month'] as const;
export type UsageGranularity = (typeof USAGE_GRANULARITIES)[number];

/** How a metric is named: built-in and custom metrics alike. */
export const METRIC_NAME = /^[a-z][a-z0-9_]{0,62}$/;
/** How an event property a meter reads (value, filter, group-by) is named. */
export const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;
const METRIC_NAME_MESSAGE = 'metric must be a metric name (lower case letters, digits and _, starting with a letter)';

export class UsageQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Windows starting at or after this (truncated to the granularity)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Windows starting before this; default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: USAGE_GRANULARITIES, default: 'day' })
  @IsOptional()
  @IsIn(USAGE_GRANULARITIES)
  granularity?: UsageGranularity;

  @ApiPropertyOptional({ example: 'api_calls' })
  @IsOptional()
  @Matches(METRIC_NAME, { message: METRIC_NAME_MESSAGE })
  metric?: string;

  @ApiPropertyOptional({ example: 'region', description: "One of the meter's group-by properties: `current` then holds the metric's counted figure per value of it (`groups`); needs `metric`" })
  @IsOptional()
  @Matches(PROPERTY_NAME, { message: 'groupBy must be a property name (letters, digits, _ and -, starting with a letter)' })
  groupBy?: string;
}

export class UsageSummaryQueryDto {
  @ApiProperty({ example: 'api_calls', description: 'The metric to summarise' })
  @Matches(METRIC_NAME, { message: METRIC_NAME_MESSAGE })
  metric!: string;

  @ApiPropertyOptional({ enum: USAGE_GRANULARITIES, default: 'month', description: 'The window to summarise' })
  @IsOptional()
  @IsIn(USAGE_GRANULARITIES)
  period?: UsageGranularity;

  @ApiPropertyOptional({ format: 'date-time', description: 'A moment inside the window; default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'How many top consumers to list' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  top?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: 'Page size of the per-tenant totals' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 512)
  cursor?: string;
}

export const DEFAULT_ALERTS_LIMIT = 50;
export const MAX_ALERTS_LIMIT = 200;

/** Query of a tenant's alerts list (`GET …/tenants/{id}/usage/alerts`): newest first, a bounded page. */
export class UsageAlertsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_ALERTS_LIMIT, default: DEFAULT_ALERTS_LIMIT, description: 'How many alerts to return, newest first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ALERTS_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only alerts raised at or after this' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;
}
