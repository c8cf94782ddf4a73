/** The usage routes and the forwarding to metering. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStatusModule } from '../tenant-status';
import { UpstreamModule } from '../upstream';
import { MetersController } from './meters.controller';
import { UsageController } from './usage.controller';
import { RecordUsageBatchUseCase } from './usecases/record-usage-batch/record-usage-batch.use-case';

@Module({
  imports: [AuthModule, UpstreamModule, TenantStatusModule],
  controllers: [UsageController, MetersController],
  providers: [RecordUsageBatchUseCase],
})
export class UsageModule {}
