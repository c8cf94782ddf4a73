/** The tenant limits routes, forwarded to the registry that owns the limits. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { UpstreamModule } from '../upstream';
import { LimitsController } from './limits.controller';

@Module({
  imports: [AuthModule, UpstreamModule],
  controllers: [LimitsController],
})
export class LimitsModule {}
