/** Query of the cross-tenant usage summary. */
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { BUILT_IN_METRICS, GRANULARITIES, Granularity } from '../../metrics/metric-catalogue';

export const SUMMARY_METRICS = BUILT_IN_METRICS.map((metric) => metric.name);

export class UsageSummaryQueryDto {
  @IsIn(SUMMARY_METRICS, { message: `metric must be one of: ${SUMMARY_METRICS.join(', ')}` })
  metric!: string;

  @IsOptional()
  @IsIn(GRANULARITIES)
  period?: Granularity;

  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  top?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @IsOptional()
  @IsString()
  @Length(1, 512)
  cursor?: string;
}
