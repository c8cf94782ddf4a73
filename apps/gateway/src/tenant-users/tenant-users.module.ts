/** A tenant's users, answered by provisioning (owner of the tenant databases). */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStatusModule } from '../tenant-status';
import { UpstreamModule } from '../upstream';
import { TenantUsersController } from './tenant-users.controller';
import { InviteTenantUserUseCase } from './usecases/invite-tenant-user/invite-tenant-user.use-case';

@Module({
  imports: [AuthModule, UpstreamModule, TenantStatusModule],
  controllers: [TenantUsersController],
  providers: [InviteTenantUserUseCase],
})
export class TenantUsersModule {}
