/** The bulk-job routes, forwarded to the tenant registry. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { LimitsModule } from '../limits/limits.module';
import { UpstreamModule } from '../upstream';
import { BulkJobsController } from './bulk-jobs.controller';

@Module({
  imports: [AuthModule, UpstreamModule, LimitsModule],
  controllers: [BulkJobsController],
})
export class BulkJobsModule {}
