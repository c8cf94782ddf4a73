/** The cross-tenant analytics routes, forwarded to health scoring. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { UpstreamModule } from '../upstream';
import { AnalyticsController } from './analytics.controller';

@Module({
  imports: [AuthModule, UpstreamModule],
  controllers: [AnalyticsController],
})
export class AnalyticsModule {}
