/** Usage as billing counts it, from metering's UsageRecorded events. */
import { Module } from '@nestjs/common';
import { PostgresUsageTotalsRepository } from './postgres-usage-totals.repository';
import { UsageConsumer } from './usage.consumer';
import { UsageTotalsRepository } from './usage-totals.repository';
import { RecordUsageUseCase } from './usecases/record-usage/record-usage.use-case';

@Module({
  providers: [{ provide: UsageTotalsRepository, useClass: PostgresUsageTotalsRepository }, RecordUsageUseCase, UsageConsumer],
  exports: [UsageTotalsRepository],
})
export class UsageModule {}
