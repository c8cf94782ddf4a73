export {
  CLOCK_SKEW_SECONDS,
  correlationIdOf,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  INTERNAL_TOKEN_ALGORITHM,
  INTERNAL_TOKEN_ISSUER,
  INTERNAL_TOKEN_TYPE,
  InternalKeyError,
  InternalTokenError,
  MAX_TOKEN_LIFETIME_SECONDS,
  parseSigningKey,
  parseVerifyKeys,
  signInternalToken,
  verifyInternalToken,
} from './internal-token';
export type { InternalTokenClaims, InternalTokenFailure, InternalTokenRequest, SigningKey, VerifyKeys, VerifyOptions } from './internal-token';
