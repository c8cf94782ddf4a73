/** Authentication and authorisation: API key storage, the two guards and the access matrix. */
import { Module } from '@nestjs/common';
import { ApiKeyRepository } from './api-key.repository';
import { PostgresApiKeyRepository } from './postgres-api-key.repository';
import { ApiKeySecrets } from './api-key-secrets';
import { ApiKeyVerifier } from './api-key-verifier';
import { AuthenticationGuard } from './authentication.guard';
import { AuthorizationGuard } from './authorization.guard';

@Module({
  providers: [{ provide: ApiKeyRepository, useClass: PostgresApiKeyRepository }, ApiKeySecrets, ApiKeyVerifier, AuthenticationGuard, AuthorizationGuard],
  exports: [ApiKeyRepository, ApiKeySecrets, ApiKeyVerifier, AuthenticationGuard, AuthorizationGuard],
})
export class AuthModule {}
