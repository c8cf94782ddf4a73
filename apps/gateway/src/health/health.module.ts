/** The health routes (scores, history, feedback, the tenant dashboard), forwarded to health scoring. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStatusModule } from '../tenant-status';
import { UpstreamModule } from '../upstream';
import { HealthController } from './health.controller';

@Module({
  imports: [AuthModule, UpstreamModule, TenantStatusModule],
  controllers: [HealthController],
})
export class HealthModule {}
