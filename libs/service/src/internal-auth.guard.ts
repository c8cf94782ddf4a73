/**
 * Authenticates every call to an internal service: a gateway-signed internal token for this very
 * service (`Authorization: Bearer <token>`), current and signed with a key the service is configured
 * with. Anything else is 401 before any pipe or handler runs. The caller it names is the only source
 * of the actor, role and request id (InternalCallerOf / @Caller()). Health and metrics stay open.
 */
import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InternalTokenClaims, InternalTokenError, SERVICE_TOKEN_ROLE, ServiceKeys, serviceTokenIssuer, serviceTokenSubject, verifyInternalToken, VerifyKeys } from '@tenantry/internal-auth';
import { enterContext } from '@tenantry/observability';
import { COMMON_PROBLEMS } from './problem-details';

/** Who an internal call is made for, as the verified token says. */
export interface InternalCaller {
  /** `key:<api-key-id>`. */
  actor: string;
  role: string;
  /** The tenant a tenant-scoped caller is bound to. */
  tenantId: string | null;
  /** The gateway's request id. */
  requestId: string;
  /** The client's own request id, for correlation only. */
  correlationId: string | null;
  /** Set when `actor` is an impersonation: who really acts (the token's `act.sub`, `key:<api-key-id>`). */
  act: string | null;
}

/** The actor as histories record it: an impersonation names both identities. */
export function recordedActor(caller: InternalCaller): string {
  return caller.act ? `${caller.actor} act ${caller.act}` : caller.actor;
}

const PUBLIC_ROUTE = 'tenantry:public-route';
const BEARER = /^Bearer ([A-Za-z0-9._-]{1,4096})$/;
export const INTERNAL_AUTH_CHALLENGE = 'Bearer realm="tenantry-internal"';

const SERVICE_CALLERS = 'tenantry:service-callers';

/**
 * Marks a route that the named services may also call with their own tokens (`iss: tenantry-<service>`,
 * `sub: service:<service>`, `role: service`, verified with that service's INTERNAL_AUTH_SERVICE_KEYS
 * entry). Everywhere else such a token is refused: only the gateway's tokens are accepted.
 */
export const ServiceCallers = (...services: string[]): MethodDecorator => SetMetadata(SERVICE_CALLERS, services);

/** Marks a controller or route anyone may call without a token (health, metrics). */
export const PublicRoute = (): ClassDecorator & MethodDecorator => SetMetadata(PUBLIC_ROUTE, true);

interface InternalRequest {
  id: string;
  headers: Record<string, string | string[] | undefined>;
  internalCaller?: InternalCaller;
}

interface HeaderReply {
  header(name: string, value: string): unknown;
}

@Injectable()
export class InternalAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: VerifyKeys,
    /** This service's name: the audience its tokens must carry. */
    private readonly audience: string,
    /** Other services' own verify keys (INTERNAL_AUTH_SERVICE_KEYS), used only on routes marked with @ServiceCallers. */
    private readonly serviceKeys: ServiceKeys = new Map(),
  ) {}

  // Synchronous on purpose: the request context entered here then holds for the rest of the request.
  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<InternalRequest>();
    const reply = http.getResponse<HeaderReply>();
    const header = request.headers['authorization'];
    const token = typeof header === 'string' ? BEARER.exec(header.trim())?.[1] : undefined;
    if (!token) {
      reply.header('WWW-Authenticate', INTERNAL_AUTH_CHALLENGE);
      throw COMMON_PROBLEMS.unauthenticated('Internal APIs answer only calls carrying a gateway-signed token: `Authorization: Bearer <token>`.');
    }
    try {
      const claims = this.verify(token, this.reflector.get<string[] | undefined>(SERVICE_CALLERS, context.getHandler()) ?? []);
      request.internalCaller = { actor: claims.sub, role: claims.role, tenantId: claims.tid ?? null, requestId: claims.rid, correlationId: claims.cid ?? null, act: claims.act?.sub ?? null };
    } catch (error) {
      if (!(error instanceof InternalTokenError)) throw error;
      reply.header('WWW-Authenticate', `${INTERNAL_AUTH_CHALLENGE}, error="invalid_token"`);
      throw COMMON_PROBLEMS.unauthenticated(`The internal token is not accepted: ${error.message}.`, { reason: error.reason });
    }
    // The gateway's request id is this request's id from here on: logs, answers and events carry it.
    request.id = request.internalCaller.requestId;
    reply.header('x-request-id', request.id);
    enterContext({ requestId: request.id });
    return true;
  }

  private verify(token: string, services: string[]): InternalTokenClaims {
    const issuer = issuerOf(token);
    const service = services.find((name) => serviceTokenIssuer(name) === issuer);
    if (issuer === undefined || service === undefined) return verifyInternalToken(token, { keys: this.keys, audience: this.audience });
    const keys = this.serviceKeys.get(service);
    if (!keys) throw new InternalTokenError('unknown-key', `this service has no key of ${service}`);
    const claims = verifyInternalToken(token, { keys, audience: this.audience, issuer });
    if (claims.sub !== serviceTokenSubject(service) || claims.role !== SERVICE_TOKEN_ROLE || claims.tid !== undefined || claims.act !== undefined) {
      throw new InternalTokenError('invalid-claims', `a token of ${service} names ${serviceTokenSubject(service)} with role ${SERVICE_TOKEN_ROLE} only`);
    }
    return claims;
  }
}

/** The unverified `iss` of a token, only to pick the keys it must be verified with (the gateway's unless a marked service's). */
function issuerOf(token: string): string | undefined {
  try {
    const iss = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown }).iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

/** The verified caller of a request that passed InternalAuthGuard. */
export function internalCallerOf(request: { internalCaller?: InternalCaller }): InternalCaller {
  const caller = request.internalCaller;
  if (!caller) throw new Error('no internal caller on the request: is the route public, or the service not behind InternalAuthGuard?');
  return caller;
}

/** The verified caller, as a handler parameter. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): InternalCaller => internalCallerOf(context.switchToHttp().getRequest<InternalRequest>()));
