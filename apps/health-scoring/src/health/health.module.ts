/** Health scores: the projection fed by four topics, the score and its history, churn risk, and the periodic recomputation. */
import { Module } from '@nestjs/common';
import { HealthRepository } from '../projection/health.repository';
import { PostgresHealthRepository } from '../projection/postgres-health.repository';
import { HealthRecomputeScheduler } from './health-recompute.scheduler';
import { HealthRescoreScheduler } from './health-rescore.scheduler';
import { AlertsConsumer, BillingConsumer, LifecycleConsumer, UsageConsumer } from './health.consumers';
import { TenantHealthController } from './health.controller';
import { GetHealthHistoryUseCase } from './usecases/get-health-history/get-health-history.use-case';
import { GetHealthUseCase } from './usecases/get-health/get-health.use-case';
import { RecomputeAllUseCase } from './usecases/recompute-all/recompute-all.use-case';
import { RecomputeHealthUseCase } from './usecases/recompute-health/recompute-health.use-case';
import { RecordSignalUseCase } from './usecases/record-signal/record-signal.use-case';
import { RecordUsageUseCase } from './usecases/record-usage/record-usage.use-case';
import { RescoreDirtyUseCase } from './usecases/rescore-dirty/rescore-dirty.use-case';

@Module({
  controllers: [TenantHealthController],
  providers: [
    { provide: HealthRepository, useClass: PostgresHealthRepository },
    RecomputeHealthUseCase,
    RecordSignalUseCase,
    RecordUsageUseCase,
    RecomputeAllUseCase,
    GetHealthUseCase,
    GetHealthHistoryUseCase,
    HealthRecomputeScheduler,
    RescoreDirtyUseCase,
    HealthRescoreScheduler,
    LifecycleConsumer,
    AlertsConsumer,
    BillingConsumer,
    UsageConsumer,
  ],
  exports: [HealthRepository, RecomputeHealthUseCase],
})
export class HealthModule {}
