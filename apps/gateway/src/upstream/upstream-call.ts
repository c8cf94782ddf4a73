/** One call to an internal API on behalf of an authenticated caller, and the identity it carries. */
import { Readable } from 'node:stream';
import { GatewayRequest, Principal, clientCorrelationId, requirePrincipal } from '../auth';
import { UpstreamName } from './upstreams';

export type UpstreamMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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
  /** The answer is a binary document (a PDF): a success streams through as bytes even from a `readWhole` upstream. */
  binary?: boolean;
  /** A file streamed through as the body (application/octet-stream), never held whole; takes `body`'s place. */
  upload?: Readable;
  /** Wait this long for the answer's headers instead of UPSTREAM_TIMEOUT_MS (an upload is answered once it is all read). */
  headersTimeoutMs?: number;
}

/** Who a call is made for: the internal APIs record the actor and role, and log the request id. */
export interface Caller {
  principal: Principal;
  /** The gateway's own request id. */
  requestId: string;
  /** The client's x-request-id when usable, for correlation only. */
  correlationId: string | null;
}

export function callerOf(request: GatewayRequest): Caller {
  return { principal: requirePrincipal(request), requestId: request.id, correlationId: clientCorrelationId(request) };
}

/**
 * The one place identity leaves the gateway: a short-lived token signed for the target service only
 * (`InternalTokens`), carrying the caller's key, role, tenant and request ids. The internal services
 * trust nothing else: no actor, role or request id header.
 */
export function identityHeaders(token: string): Record<string, string> {
  return {
    accept: 'application/json, application/problem+json, application/gzip, application/pdf',
    authorization: `Bearer ${token}`,
  };
}

/** `?name=value&…` of the query's defined fields, or '' when there are none. */
export function queryString(query: object): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query) as [string, unknown][]) if (value !== undefined) search.set(name, String(value));
  return search.size > 0 ? `?${search.toString()}` : '';
}
