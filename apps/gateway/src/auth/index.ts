// The auth feature's public surface for the other features of the gateway.
export { ACCESS_MATRIX, TENANT_ADMIN_UPDATABLE_FIELDS, accessMatrixMarkdown, decideAccess } from './access-matrix';
export type { AccessDecision, Caller, Grant } from './access-matrix';
export { ApiKeyRepository } from './api-key.repository';
export type { NewApiKey } from './api-key.repository';
export type { ApiKey } from './api-key.row';
export { ApiKeySecrets } from './api-key-secrets';
export { AuthModule } from './auth.module';
export { AuthenticationGuard } from './authentication.guard';
export { AuthorizationGuard } from './authorization.guard';
export { OPERATION_KEY, PlatformOperation } from './operation.decorator';
export { OPERATIONS } from './operations';
export type { Operation } from './operations';
export { clientCorrelationId, gatewayState, requirePrincipal } from './principal';
export type { GatewayRequest, Principal } from './principal';
export { ROLES, isPlatformRole } from './roles';
export type { Role } from './roles';
