/** Queries of the usage read routes, checked at the door and forwarded as given. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

const METRIC = /^[a-z][a-z0-9_]{0,62}$/;

export class UsageQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Windows starting at or after this (truncated to the granularity)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Windows starting before this; default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: ['hour', 'day', 'month'], default: 'day' })
  @IsOptional()
  @IsIn(['hour', 'day', 'month'])
  granularity?: string;

  @ApiPropertyOptional({ example: 'api_calls' })
  @IsOptional()
  @Matches(METRIC, { message: 'metric must be a metric name' })
  metric?: string;
}

export class UsageSummaryQueryDto {
  @ApiProperty({ example: 'api_calls', description: 'The metric to summarise' })
  @Matches(METRIC, { message: 'metric must be a metric name' })
  metric!: string;

  @ApiPropertyOptional({ enum: ['hour', 'day', 'month'], default: 'month', description: 'The window to summarise' })
  @IsOptional()
  @IsIn(['hour', 'day', 'month'])
  period?: string;

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
