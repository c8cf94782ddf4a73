/** The tenant projection: which tenants exist for metering and whether they may record usage. */
import { Module } from '@nestjs/common';
import { TenantProjectionRepository } from './tenant-projection.repository';
import { PostgresTenantProjectionRepository } from './postgres-tenant-projection.repository';
import { RecordTenantStatusUseCase } from './usecases/record-tenant-status/record-tenant-status.use-case';

@Module({
  providers: [{ provide: TenantProjectionRepository, useClass: PostgresTenantProjectionRepository }, RecordTenantStatusUseCase],
  exports: [TenantProjectionRepository, RecordTenantStatusUseCase],
})
export class TenantsModule {}
