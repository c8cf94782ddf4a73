/** The usage feature: ingestion API, the aggregation of the usage stream (its Kafka consumer), the read API and the dedup partition maintenance. */
import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { LimitsModule } from '../limits/limits.module';
import { TenantsModule } from '../tenants/tenants.module';
import { PartitionMaintenanceScheduler } from './partition-maintenance.scheduler';
import { UsageAggregationConsumer } from './usage-aggregation.consumer';
import { UsageController } from './usage.controller';
import { UsagePartitionsRepository } from './usage-partitions.repository';
import { PostgresUsagePartitionsRepository } from './postgres-usage-partitions.repository';
import { KafkaUsagePublisher, UsagePublisher } from './usage.publisher';
import { UsageRepository } from './usage.repository';
import { PostgresUsageRepository } from './postgres-usage.repository';
import { AggregateUsageUseCase } from './usecases/aggregate-usage/aggregate-usage.use-case';
import { GetUsageUseCase } from './usecases/get-usage/get-usage.use-case';
import { MaintainPartitionsUseCase } from './usecases/maintain-partitions/maintain-partitions.use-case';
import { RecordUsageUseCase } from './usecases/record-usage/record-usage.use-case';

const USE_CASES = [RecordUsageUseCase, AggregateUsageUseCase, GetUsageUseCase, MaintainPartitionsUseCase];

@Module({
  imports: [TenantsModule, LimitsModule, AlertsModule],
  controllers: [UsageController],
  providers: [
    { provide: UsageRepository, useClass: PostgresUsageRepository },
    { provide: UsagePublisher, useClass: KafkaUsagePublisher },
    { provide: UsagePartitionsRepository, useClass: PostgresUsagePartitionsRepository },
    ...USE_CASES,
    PartitionMaintenanceScheduler,
    UsageAggregationConsumer,
  ],
})
export class UsageModule {}
