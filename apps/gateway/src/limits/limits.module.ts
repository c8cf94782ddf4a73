/** The tenant limits routes, forwarded to the registry that owns the limits. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStatusModule } from '../tenant-status';
import { UpstreamModule } from '../upstream';
import { LimitsController } from './limits.controller';
import { MeterKeys } from './meter-keys';
import { SetLimitsUseCase } from './usecases/set-limits/set-limits.use-case';

@Module({
  imports: [AuthModule, UpstreamModule, TenantStatusModule],
  controllers: [LimitsController],
  providers: [MeterKeys, SetLimitsUseCase],
  exports: [MeterKeys],
})
export class LimitsModule {}
