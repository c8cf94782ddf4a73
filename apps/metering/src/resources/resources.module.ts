/** The resources projection: which provisioned tenants have a schema and a storage root to measure. */
import { Module } from '@nestjs/common';
import { TenantResourceRepository } from './tenant-resource.repository';
import { PostgresTenantResourceRepository } from './postgres-tenant-resource.repository';
import { RegisterTenantResourcesUseCase } from './usecases/register-tenant-resources/register-tenant-resources.use-case';
import { RetireTenantResourcesUseCase } from './usecases/retire-tenant-resources/retire-tenant-resources.use-case';

@Module({
  providers: [{ provide: TenantResourceRepository, useClass: PostgresTenantResourceRepository }, RegisterTenantResourcesUseCase, RetireTenantResourcesUseCase],
  exports: [TenantResourceRepository, RegisterTenantResourcesUseCase, RetireTenantResourcesUseCase],
})
export class ResourcesModule {}
