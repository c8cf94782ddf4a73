/**
 * Records every mutating call to the public API once its answer is sent, whatever the outcome
 * (refusals included), from a Fastify onResponse hook: the only place that knows the final status.
 */
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Logger } from '@tenantry/observability';
import { Clock, LOGGER, isUuid } from '@tenantry/service';
import { GatewayRequest } from '../auth';
import { AuditRepository } from './audit.repository';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PUBLIC_API = '/api/v1/platform/';

interface FastifyLike {
  addHook(name: 'onResponse', hook: (request: GatewayRequest, reply: { statusCode: number }) => Promise<void>): void;
}

@Injectable()
export class AuditRecorder implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyLike>();
    fastify.addHook('onResponse', async (request, reply) => {
      if (!MUTATING.has(request.method) || !request.url.startsWith(PUBLIC_API)) return;
      await this.record(request, reply.statusCode);
    });
  }

  private async record(request: GatewayRequest, status: number): Promise<void> {
    const principal = request.gateway?.principal;
    const id = request.params?.['id'];
    const tenantId = request.gateway?.auditTenantId ?? (request.url.startsWith(`${PUBLIC_API}tenants/`) && id && isUuid(id) ? id : (principal?.tenantId ?? null));
    try {
      await this.audit.append({
        apiKeyId: principal?.keyId ?? null,
        role: principal?.role ?? null,
        method: request.method,
        route: request.routeOptions?.url ?? request.url.split('?')[0] ?? request.url,
        path: request.url.split('?')[0] ?? request.url,
        status,
        tenantId: tenantId ?? null,
        requestId: request.id,
        at: this.clock.now(),
      });
    } catch (error) {
      this.logger.error({ err: error, requestId: request.id }, 'audit entry could not be written');
    }
  }
}
