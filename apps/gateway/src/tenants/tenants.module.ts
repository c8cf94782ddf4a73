/** The tenant routes and the forwarding to the services that own them. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { IdempotencyModule } from '../idempotency';
import { TenantStatusModule } from '../tenant-status';
import { TenantsController } from './tenants.controller';
import { ProxyReply } from './upstream/proxy-reply';
import { UpstreamClient } from './upstream/upstream-client';
import { CreateTenantUseCase } from './usecases/create-tenant/create-tenant.use-case';
import { ForwardRequestUseCase } from './usecases/forward-request/forward-request.use-case';
import { ListTenantsUseCase } from './usecases/list-tenants/list-tenants.use-case';
import { UpdateTenantUseCase } from './usecases/update-tenant/update-tenant.use-case';

@Module({
  imports: [AuthModule, IdempotencyModule, TenantStatusModule],
  controllers: [TenantsController],
  providers: [UpstreamClient, ProxyReply, ForwardRequestUseCase, CreateTenantUseCase, ListTenantsUseCase, UpdateTenantUseCase],
  exports: [ProxyReply, ForwardRequestUseCase],
})
export class TenantsModule {}
