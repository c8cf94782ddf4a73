/** Cross-tenant analytics: pre-aggregated tables kept by their own consumers, and the three analytics queries. */
import { Module } from '@nestjs/common';
import { AnalyticsAlertsConsumer, AnalyticsBillingConsumer, AnalyticsLifecycleConsumer, AnalyticsUsageConsumer } from './analytics.consumers';
import { AnalyticsCache } from './analytics-cache';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsRepository } from './analytics.repository';
import { PostgresAnalyticsRepository } from './postgres-analytics.repository';
import { GetBusinessAnalyticsUseCase } from './usecases/get-business-analytics/get-business-analytics.use-case';
import { GetComparativeAnalyticsUseCase } from './usecases/get-comparative-analytics/get-comparative-analytics.use-case';
import { GetUsageAnalyticsUseCase } from './usecases/get-usage-analytics/get-usage-analytics.use-case';
import { ProjectAnalyticsEventUseCase } from './usecases/project-analytics-event/project-analytics-event.use-case';
import { ProjectAnalyticsUsageUseCase } from './usecases/project-analytics-usage/project-analytics-usage.use-case';

@Module({
  controllers: [AnalyticsController],
  providers: [
    { provide: AnalyticsRepository, useClass: PostgresAnalyticsRepository },
    AnalyticsCache,
    ProjectAnalyticsEventUseCase,
    ProjectAnalyticsUsageUseCase,
    GetUsageAnalyticsUseCase,
    GetBusinessAnalyticsUseCase,
    GetComparativeAnalyticsUseCase,
    AnalyticsLifecycleConsumer,
    AnalyticsBillingConsumer,
    AnalyticsAlertsConsumer,
    AnalyticsUsageConsumer,
  ],
})
export class AnalyticsModule {}
