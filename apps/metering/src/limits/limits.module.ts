/** The limit projection (TenantLimitsChanged, highest version wins), read by the usage view and the alerts. */
import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { LimitsRepository } from './limits.repository';
import { PostgresLimitsRepository } from './postgres-limits.repository';
import { ApplyTenantLimitsUseCase } from './usecases/apply-tenant-limits/apply-tenant-limits.use-case';

@Module({
  imports: [AlertsModule],
  providers: [{ provide: LimitsRepository, useClass: PostgresLimitsRepository }, ApplyTenantLimitsUseCase],
  exports: [LimitsRepository, ApplyTenantLimitsUseCase],
})
export class LimitsModule {}
