/** One call to an internal API on behalf of an authenticated caller, and the identity headers it carries. */
import { GatewayRequest, Principal, requirePrincipal } from '../auth';
import { UpstreamName } from './upstreams';

export type UpstreamMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface UpstreamCall {
  upstream: UpstreamName;
  method: UpstreamMethod;
  /** Path and query on the internal API, e.g. `/internal/v1/tenants/<id>`. */
  path: string;
  /** A JSON document, serialised on the way. */
  body?: unknown;
  ifMatch?: string;
  /** Passed on as the Idempotency-Key header (the service keeps the key itself). */
  idempotencyKey?: string;
}

/** Who a call is made for: the internal APIs record the actor and role, and log the request id. */
export interface Caller {
  principal: Principal;
  requestId: string;
}

export function callerOf(request: GatewayRequest): Caller {
  return { principal: requirePrincipal(request), requestId: request.id };
}

export function identityHeaders(caller: Caller): Record<string, string> {
  return {
    accept: 'application/json, application/problem+json, application/gzip',
    'x-request-id': caller.requestId,
    'x-tenantry-actor': `key:${caller.principal.keyId}`,
    'x-tenantry-role': caller.principal.role,
  };
}

/** `?name=value&…` of the query's defined fields, or '' when there are none. */
export function queryString(query: object): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query) as [string, unknown][]) if (value !== undefined) search.set(name, String(value));
  return search.size > 0 ? `?${search.toString()}` : '';
}
