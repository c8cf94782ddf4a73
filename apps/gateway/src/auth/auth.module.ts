/** Authentication and authorisation: API key storage, the two guards and the access matrix. */
import { Module } from '@nestjs/common';
import { ApiKeyRepository } from './api-key.repository';
import { PostgresApiKeyRepository } from './postgres-api-key.repository';
import { ApiKeySecrets } from './api-key-secrets';
import { ApiKeyVerifier } from './api-key-verifier';
import { AuthenticationGuard } from './authentication.guard';
import { AuthorizationGuard } from './authorization.guard';
import { ImpersonationRepository } from './impersonation.repository';
import { PostgresImpersonationRepository } from './postgres-impersonation.repository';

@Module({
  providers: [{ provide: ApiKeyRepository, useClass: PostgresApiKeyRepository }, { provide: ImpersonationRepository, useClass: PostgresImpersonationRepository }, ApiKeySecrets, ApiKeyVerifier, AuthenticationGuard, AuthorizationGuard],
  exports: [ApiKeyRepository, ImpersonationRepository, ApiKeySecrets, ApiKeyVerifier, AuthenticationGuard, AuthorizationGuard],
})
export class AuthModule {}
