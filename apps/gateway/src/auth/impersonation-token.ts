/** Impersonation credentials: `imp_` and 32 random bytes, told apart from API keys (`tnt_`) by the prefix, stored as ApiKeySecrets' keyed hash. */
import { randomBytes } from 'node:crypto';

export const IMPERSONATION_PREFIX = 'imp_';

export function generateImpersonationToken(): string {
  return IMPERSONATION_PREFIX + randomBytes(32).toString('base64url');
}
