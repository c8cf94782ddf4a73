/** The tenant limits routes, forwarded to the registry that owns the limits. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStatusModule } from '../tenant-status';
import { UpstreamModule } from '../upstream';
import { LimitsController } from './limits.controller';

@Module({
  imports: [AuthModule, UpstreamModule, TenantStatusModule],
  controllers: [LimitsController],
})
export class LimitsModule {}
