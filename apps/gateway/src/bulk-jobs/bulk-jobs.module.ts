/** The bulk-job routes, forwarded to the tenant registry. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { UpstreamModule } from '../upstream';
import { BulkJobsController } from './bulk-jobs.controller';

@Module({
  imports: [AuthModule, UpstreamModule],
  controllers: [BulkJobsController],
})
export class BulkJobsModule {}
