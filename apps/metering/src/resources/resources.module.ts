/** The resources projection, kept by its Kafka consumer: which provisioned tenants have a schema and a storage root to measure. */
import { Module } from '@nestjs/common';
import { TenantResourceRepository } from './tenant-resource.repository';
import { PostgresTenantResourceRepository } from './postgres-tenant-resource.repository';
import { TenantResourcesConsumer } from './tenant-resources.consumer';
import { RegisterTenantResourcesUseCase } from './usecases/register-tenant-resources/register-tenant-resources.use-case';
import { RetireTenantResourcesUseCase } from './usecases/retire-tenant-resources/retire-tenant-resources.use-case';

@Module({
  providers: [{ provide: TenantResourceRepository, useClass: PostgresTenantResourceRepository }, RegisterTenantResourcesUseCase, RetireTenantResourcesUseCase, TenantResourcesConsumer],
  exports: [TenantResourceRepository],
})
export class ResourcesModule {}
