/**
 * Records every mutating call to the public API once its answer is sent, whatever the outcome
 * (refusals included), from a Fastify onResponse hook: the only place that knows the final status.
 * Two exceptions keep a flood from turning into a flood of rows: a call the rate limiter refused
 * (429 `rate-limited`, counted in tenantry_gateway_rate_limited_total) is not written, and a call
 * without a valid key is written once per source address and minute (per gateway instance) — except
 * on a keyless public route (the unsubscribe link), rate-limited per address, where every call is.
 */
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Logger } from '@tenantry/observability';
import { Clock, LOGGER, isUuid } from '@tenantry/service';
import { clientCorrelationId, GatewayRequest } from '../auth';
import { AuditRepository } from './audit.repository';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PUBLIC_API = '/api/v1/platform/';
const ANONYMOUS_WINDOW_MS = 60_000;
/** Bounded: past this many addresses in one window the map starts afresh. */
const MAX_ANONYMOUS_ADDRESSES = 10_000;

interface AnsweredReply {
  statusCode: number;
  getHeader(name: string): unknown;
}

interface FastifyLike {
  addHook(name: 'onResponse', hook: (request: GatewayRequest, reply: AnsweredReply) => Promise<void>): void;
}

/** A created tenant is known only from the answer: its Location (already the public path). */
function createdTenantId(reply: AnsweredReply): string | undefined {
  const location = reply.getHeader('location');
  if (reply.statusCode !== 201 || typeof location !== 'string' || !location.startsWith(`${PUBLIC_API}tenants/`)) return undefined;
  const id = location.slice(`${PUBLIC_API}tenants/`.length);
  return isUuid(id) ? id : undefined;
}

@Injectable()
export class AuditRecorder implements OnModuleInit {
  /** Source address → the minute (epoch window) of the last anonymous call written for it. */
  private readonly anonymousWritten = new Map<string, number>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyLike>();
    fastify.addHook('onResponse', async (request, reply) => {
      // An impersonation credential's every call is audited, reads included: the tenant sees what support looked at.
      const impersonated = request.gateway?.principal?.impersonation !== undefined;
      if ((!MUTATING.has(request.method) && !impersonated) || !request.url.startsWith(PUBLIC_API)) return;
      if (request.gateway?.rateLimited || !this.firstAnonymousThisMinute(request)) return;
      await this.record(request, reply);
    });
  }

  /** True for a call with a key; for one without, true only for the address' first this minute. */
  private firstAnonymousThisMinute(request: GatewayRequest): boolean {
    if (request.gateway?.principal || request.gateway?.keylessPublicRoute) return true;
    const address = request.ip ?? 'unknown';
    const window = Math.floor(this.clock.now().getTime() / ANONYMOUS_WINDOW_MS);
    if (this.anonymousWritten.get(address) === window) return false;
    if (this.anonymousWritten.size >= MAX_ANONYMOUS_ADDRESSES) this.anonymousWritten.clear();
    this.anonymousWritten.set(address, window);
    return true;
  }

  private async record(request: GatewayRequest, reply: AnsweredReply): Promise<void> {
    const principal = request.gateway?.principal;
    const id = request.params?.['id'];
    const tenantId = createdTenantId(reply) ?? (request.url.startsWith(`${PUBLIC_API}tenants/`) && id && isUuid(id) ? id : (principal?.tenantId ?? request.gateway?.auditTenantId ?? null));
    try {
      await this.audit.append({
        apiKeyId: principal?.impersonation?.actorKeyId ?? principal?.keyId ?? null,
        role: principal?.role ?? null,
        impersonationId: principal?.impersonation?.id ?? null,
        actorRole: principal?.impersonation?.actorRole ?? null,
        method: request.method,
        route: request.routeOptions?.url ?? request.url.split('?')[0] ?? request.url,
        path: request.url.split('?')[0] ?? request.url,
        status: reply.statusCode,
        tenantId: tenantId ?? null,
        requestId: request.id,
        correlationId: clientCorrelationId(request),
        at: this.clock.now(),
      });
    } catch (error) {
      this.logger.error({ err: error, requestId: request.id }, 'audit entry could not be written');
    }
  }
}
