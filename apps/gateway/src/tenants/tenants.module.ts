/** The tenant routes, answered by tenant-registry and provisioning. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { IdempotencyModule } from '../idempotency';
import { TenantStatusModule } from '../tenant-status';
import { UpstreamModule } from '../upstream';
import { TenantsController } from './tenants.controller';
import { CreateTenantUseCase } from './usecases/create-tenant/create-tenant.use-case';
import { ListTenantsUseCase } from './usecases/list-tenants/list-tenants.use-case';
import { UpdateTenantUseCase } from './usecases/update-tenant/update-tenant.use-case';

@Module({
  imports: [AuthModule, IdempotencyModule, UpstreamModule, TenantStatusModule],
  controllers: [TenantsController],
  providers: [CreateTenantUseCase, ListTenantsUseCase, UpdateTenantUseCase],
})
export class TenantsModule {}
