export { ConfigError } from './config-error';
export { loadConfig, loadConfigOrExit } from './load-config';
export type { ConfigClass, Environment } from './load-config';
export { ServiceConfig, LOG_LEVELS } from './service-config';
export type { LogLevel } from './service-config';
export { InternalServiceConfig } from './internal-service-config';
export { IsInternalSigningKey, IsInternalVerifyKeys } from './internal-auth-keys';
export { IsMasterKey, IsMasterKeyList } from './master-key';
