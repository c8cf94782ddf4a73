/** Authentication and authorisation: API key storage, the two guards and the access matrix. */
import { Module } from '@nestjs/common';
import { ApiKeyRepository } from './api-key.repository';
import { PostgresApiKeyRepository } from './postgres-api-key.repository';
import { ApiKeySecrets } from './api-key-secrets';
import { AuthenticationGuard } from './authentication.guard';
import { AuthorizationGuard } from './authorization.guard';

@Module({
  providers: [{ provide: ApiKeyRepository, useClass: PostgresApiKeyRepository }, ApiKeySecrets, AuthenticationGuard, AuthorizationGuard],
  exports: [ApiKeyRepository, ApiKeySecrets, AuthenticationGuard, AuthorizationGuard],
})
export class AuthModule {}
