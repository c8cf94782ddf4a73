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
  parseServiceKeys,
  parseSigningKey,
  parseVerifyKeys,
  SERVICE_TOKEN_ROLE,
  serviceTokenIssuer,
  serviceTokenSubject,
  signInternalToken,
  verifyInternalToken,
} from './internal-token';
export type { InternalTokenClaims, InternalTokenFailure, InternalTokenRequest, ServiceKeys, SigningKey, VerifyKeys, VerifyOptions } from './internal-token';
export { deriveInvitationToken } from './invitation-token';
export type { InvitationFacts } from './invitation-token';
export { decodeMasterKey, MIN_MASTER_KEY_BYTES, parseKeyList, PurposeSealer } from './master-key';
export type { PurposeSealerOptions } from './master-key';
