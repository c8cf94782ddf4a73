/** Query of the usage read API. */
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { Granularity, GRANULARITIES } from '../../metrics/metric-catalogue';

export class UsageQueryDto {
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @IsOptional()
  @IsIn(GRANULARITIES)
  granularity?: Granularity;

  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,62}$/)
  metric?: string;
}
