/** Impersonation (support access as a tenant's admin); the credential itself is checked by the auth module. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { UpstreamModule } from '../upstream';
import { ImpersonationsController } from './impersonations.controller';
import { CreateImpersonationUseCase } from './usecases/create-impersonation/create-impersonation.use-case';
import { ListImpersonationsUseCase } from './usecases/list-impersonations/list-impersonations.use-case';
import { RevokeImpersonationUseCase } from './usecases/revoke-impersonation/revoke-impersonation.use-case';

@Module({
  imports: [AuthModule, UpstreamModule],
  controllers: [ImpersonationsController],
  providers: [CreateImpersonationUseCase, RevokeImpersonationUseCase, ListImpersonationsUseCase],
})
export class ImpersonationsModule {}
