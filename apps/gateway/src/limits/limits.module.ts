/** The tenant limits routes, forwarded to the registry that owns the limits. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStatusModule } from '../tenant-status';
import { TenantsModule } from '../tenants';
import { LimitsController } from './limits.controller';

@Module({
  imports: [AuthModule, TenantsModule, TenantStatusModule],
  controllers: [LimitsController],
})
export class LimitsModule {}
