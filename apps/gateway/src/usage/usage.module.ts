/** The usage routes and the forwarding to metering. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStatusModule } from '../tenant-status';
import { MeteringUpstream } from './metering-upstream';
import { UsageController } from './usage.controller';
import { ForwardUsageUseCase } from './usecases/forward-usage/forward-usage.use-case';
import { RecordUsageBatchUseCase } from './usecases/record-usage-batch/record-usage-batch.use-case';

@Module({
  imports: [AuthModule, TenantStatusModule],
  controllers: [UsageController],
  providers: [MeteringUpstream, ForwardUsageUseCase, RecordUsageBatchUseCase],
})
export class UsageModule {}
