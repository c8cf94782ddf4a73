/**
 * The keep-alive pool to metering's internal API. Answers are small JSON documents, so they are
 * read whole; metering refusing, resetting or not answering within the timeout is 503
 * `upstream-unavailable`, as for the other upstreams.
 */
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'undici';
import { Logger } from '@tenantry/observability';
import { LOGGER } from '@tenantry/service';
import { Principal } from '../auth';
import { GatewayConfig } from '../gateway.config';
import { GATEWAY_PROBLEMS } from '../problems';

const CONNECT_TIMEOUT_MS = 2_000;
const UPSTREAM = 'metering';

export interface MeteringRequest {
  method: 'GET' | 'POST';
  /** Path and query on the internal API, e.g. `/internal/v1/tenants/<id>/usage?granularity=day`. */
  path: string;
  principal: Principal;
  requestId: string;
  /** A JSON document, already serialised. */
  body?: string;
}

export interface MeteringResponse {
  status: number;
  contentType: string;
  body: string;
}

@Injectable()
export class MeteringUpstream implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(
    config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.pool = new Pool(config.METERING_URL, {
      connections: 64,
      keepAliveTimeout: 30_000,
      connect: { timeout: Math.min(CONNECT_TIMEOUT_MS, config.UPSTREAM_TIMEOUT_MS) },
      headersTimeout: config.UPSTREAM_TIMEOUT_MS,
      bodyTimeout: config.UPSTREAM_TIMEOUT_MS,
    });
  }

  async send(request: MeteringRequest): Promise<MeteringResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      'x-request-id': request.requestId,
      'x-tenantry-actor': `key:${request.principal.keyId}`,
      'x-tenantry-role': request.principal.role,
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await this.pool.request({ method: request.method, path: request.path, headers, body: request.body });
      const contentType = response.headers['content-type'];
      return { status: response.statusCode, contentType: (Array.isArray(contentType) ? contentType[0] : contentType) ?? 'application/json', body: await response.body.text() };
    } catch (error) {
      this.logger.warn({ err: error, upstream: UPSTREAM, path: request.path }, 'upstream unavailable');
      throw GATEWAY_PROBLEMS['upstream-unavailable'](`${UPSTREAM} did not answer; try again shortly.`, { upstream: UPSTREAM });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close().catch(() => undefined);
  }
}
