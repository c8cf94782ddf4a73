/** The tenant projection: which tenants exist for metering, whether they may record usage, and their limits (from the same lifecycle topic). */
import { Module } from '@nestjs/common';
import { LimitsModule } from '../limits/limits.module';
import { TenantLifecycleConsumer } from './tenant-lifecycle.consumer';
import { TenantProjectionRepository } from './tenant-projection.repository';
import { PostgresTenantProjectionRepository } from './postgres-tenant-projection.repository';
import { RecordTenantStatusUseCase } from './usecases/record-tenant-status/record-tenant-status.use-case';

@Module({
  imports: [LimitsModule],
  providers: [{ provide: TenantProjectionRepository, useClass: PostgresTenantProjectionRepository }, RecordTenantStatusUseCase, TenantLifecycleConsumer],
  exports: [TenantProjectionRepository],
})
export class TenantsModule {}
