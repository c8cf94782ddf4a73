/** API key administration and the bootstrap admin key. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStatusModule } from '../tenant-status';
import { UpstreamModule } from '../upstream';
import { ApiKeysController } from './api-keys.controller';
import { CreateApiKeyUseCase } from './usecases/create-api-key/create-api-key.use-case';
import { EnsureBootstrapAdminKeyUseCase } from './usecases/ensure-bootstrap-admin-key/ensure-bootstrap-admin-key.use-case';
import { ListApiKeysUseCase } from './usecases/list-api-keys/list-api-keys.use-case';
import { RevokeApiKeyUseCase } from './usecases/revoke-api-key/revoke-api-key.use-case';

@Module({
  imports: [AuthModule, TenantStatusModule, UpstreamModule],
  controllers: [ApiKeysController],
  providers: [CreateApiKeyUseCase, ListApiKeysUseCase, RevokeApiKeyUseCase, EnsureBootstrapAdminKeyUseCase],
})
export class ApiKeysModule {}
