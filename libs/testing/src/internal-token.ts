/** Internal tokens for tests and tools that call a service's internal port directly, as the gateway would. */
import { randomUUID } from 'node:crypto';
import { InternalTokenClaims, parseSigningKey, parseVerifyKeys, signInternalToken, verifyInternalToken } from '@tenantry/internal-auth';
import { devSecretsEnv } from './dev-secrets';

export interface InternalTokenOptions {
  /** The service called, by name (`tenant-registry`, `metering`, …). */
  audience: string;
  /** Default `key:int-test`. */
  actor?: string;
  /** Default `platform-admin`. */
  role?: string;
  tenantId?: string | null;
  /** Default: a fresh UUID. */
  requestId?: string;
  correlationId?: string | null;
  lifetimeSeconds?: number;
  /** When it is issued (default now): a past time makes an expired token. */
  issuedAt?: Date;
}

/** A token signed with this checkout's INTERNAL_AUTH_SIGNING_KEY (the one every started service verifies). */
export function internalToken(options: InternalTokenOptions): string {
  const signingKey = devSecretsEnv()['INTERNAL_AUTH_SIGNING_KEY'];
  if (!signingKey) throw new Error('dev secrets have no INTERNAL_AUTH_SIGNING_KEY');
  return signInternalToken(
    parseSigningKey(signingKey),
    {
      audience: options.audience,
      actor: options.actor ?? 'key:int-test',
      role: options.role ?? 'platform-admin',
      tenantId: options.tenantId ?? null,
      requestId: options.requestId ?? randomUUID(),
      correlationId: options.correlationId ?? null,
      lifetimeSeconds: options.lifetimeSeconds,
    },
    options.issuedAt ?? new Date(),
  );
}

/** `{authorization: 'Bearer <token>'}` for one call. */
export function internalAuthHeaders(options: InternalTokenOptions): Record<string, string> {
  return { authorization: `Bearer ${internalToken(options)}` };
}

/** The claims of the token in an `authorization` header a stand-in upstream received, verified as `audience` would; throws if it is not valid. */
export function readInternalToken(authorization: string | string[] | undefined, audience: string): InternalTokenClaims {
  const token = typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization)?.[1] : undefined;
  if (!token) throw new Error(`no bearer token in ${String(authorization)}`);
  const verifyKeys = devSecretsEnv()['INTERNAL_AUTH_VERIFY_KEYS'];
  if (!verifyKeys) throw new Error('dev secrets have no INTERNAL_AUTH_VERIFY_KEYS');
  return verifyInternalToken(token, { keys: parseVerifyKeys(verifyKeys), audience });
}
