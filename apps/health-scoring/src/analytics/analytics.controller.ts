/** Cross-tenant analytics (internal API; the gateway exposes them as GET /api/v1/platform/analytics/{usage|business|comparative}). */
import { Controller, Get, Query } from '@nestjs/common';
import { AnalyticsQueryDto, BusinessAnalyticsDto, ComparativeAnalyticsDto, ComparativeQueryDto, UsageAnalyticsDto } from '@tenantry/health-api';
import { GetBusinessAnalyticsCommand } from './usecases/get-business-analytics/get-business-analytics.command';
import { GetBusinessAnalyticsUseCase } from './usecases/get-business-analytics/get-business-analytics.use-case';
import { GetComparativeAnalyticsCommand } from './usecases/get-comparative-analytics/get-comparative-analytics.command';
import { GetComparativeAnalyticsUseCase } from './usecases/get-comparative-analytics/get-comparative-analytics.use-case';
import { GetUsageAnalyticsCommand } from './usecases/get-usage-analytics/get-usage-analytics.command';
import { GetUsageAnalyticsUseCase } from './usecases/get-usage-analytics/get-usage-analytics.use-case';

@Controller('internal/v1/analytics')
export class AnalyticsController {
  constructor(
    private readonly usage: GetUsageAnalyticsUseCase,
    private readonly business: GetBusinessAnalyticsUseCase,
    private readonly comparative: GetComparativeAnalyticsUseCase,
  ) {}

  @Get('usage')
  getUsage(@Query() query: AnalyticsQueryDto): Promise<UsageAnalyticsDto> {
    return this.usage.execute(new GetUsageAnalyticsCommand(query.from, query.to, query.plan));
  }

  @Get('business')
  getBusiness(@Query() query: AnalyticsQueryDto): Promise<BusinessAnalyticsDto> {
    return this.business.execute(new GetBusinessAnalyticsCommand(query.from, query.to, query.plan));
  }

  @Get('comparative')
  getComparative(@Query() query: ComparativeQueryDto): Promise<ComparativeAnalyticsDto> {
    return this.comparative.execute(new GetComparativeAnalyticsCommand(query.from, query.to, query.plan, query.limit ?? 100, query.offset ?? 0));
  }
}
