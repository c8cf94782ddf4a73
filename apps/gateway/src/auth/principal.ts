/** The authenticated caller, attached to the request by the authentication guard. */
import { correlationIdOf } from '@tenantry/internal-auth';
import { Role } from './roles';

/** The second identity of an impersonation credential: who really acts, and how far. */
export interface ImpersonationClaim {
  id: string;
  /** The support or platform-admin key that started it. */
  actorKeyId: string;
  actorRole: Role;
  /** False: only reads. */
  write: boolean;
}

export interface Principal {
  /** The API key's id; for an impersonation credential, the impersonation's id. */
  keyId: string;
  role: Role;
  tenantId: string | null;
  /** Set when the caller is an impersonation credential: it acts as the tenant's admin (`role` tenant-admin) for `act`. */
  impersonation?: ImpersonationClaim;
}

/** What the gateway keeps on each Fastify request: the caller the authentication guard found. */
export interface GatewayRequestState {
  principal?: Principal;
  /** Set when the rate limiter refused the call (429 rate-limited): the audit does not write a row for it. */
  rateLimited?: boolean;
  /** A keyless public route (the unsubscribe link), rate-limited per address: every mutating call is audited. */
  keylessPublicRoute?: boolean;
  /** The tenant a keyless call turned out to be about (known from the upstream's answer), for its audit entry. */
  auditTenantId?: string;
}

export interface GatewayRequest {
  id: string;
  method: string;
  url: string;
  /** The source address (Fastify's, behind a proxy only as trusted as its trustProxy setting). */
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string | undefined>;
  routeOptions?: { url?: string };
  gateway?: GatewayRequestState;
}

export function gatewayState(request: GatewayRequest): GatewayRequestState {
  request.gateway ??= {};
  return request.gateway;
}

/**
 * The client's own x-request-id, kept as a correlation id only (≤ 128 visible ASCII characters,
 * otherwise none): the request id is always the gateway's (`request.id`).
 */
export function clientCorrelationId(request: GatewayRequest): string | null {
  return correlationIdOf(request.headers['x-request-id']);
}

export function requirePrincipal(request: GatewayRequest): Principal {
  const principal = request.gateway?.principal;
  if (!principal) throw new Error('no principal on the request: is the authentication guard missing?');
  return principal;
}
