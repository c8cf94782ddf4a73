/**
 * Keep-alive connection pools to the internal APIs. An upstream that refuses, resets or does not
 * answer within the timeout becomes 503 `upstream-unavailable`: a caller never hangs on it.
 */
import { Readable } from 'node:stream';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'undici';
import { Logger } from '@tenantry/observability';
import { LOGGER } from '@tenantry/service';
import { GatewayConfig } from '../../gateway.config';
import { GATEWAY_PROBLEMS } from '../../problems';

export const UPSTREAMS = ['tenant-registry', 'provisioning'] as const;
export type Upstream = (typeof UPSTREAMS)[number];

export interface UpstreamRequest {
  upstream: Upstream;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query on the internal API, e.g. `/internal/v1/tenants/<id>`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string>;
  body: Readable;
}

const CONNECT_TIMEOUT_MS = 2_000;

@Injectable()
export class UpstreamClient implements OnApplicationShutdown {
  private readonly pools: Record<Upstream, Pool>;

  constructor(
    config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const pool = (url: string) =>
      new Pool(url, {
        connections: 64,
        keepAliveTimeout: 30_000,
        connect: { timeout: Math.min(CONNECT_TIMEOUT_MS, config.UPSTREAM_TIMEOUT_MS) },
        headersTimeout: config.UPSTREAM_TIMEOUT_MS,
        bodyTimeout: config.UPSTREAM_TIMEOUT_MS,
      });
    this.pools = { 'tenant-registry': pool(config.REGISTRY_URL), provisioning: pool(config.PROVISIONING_URL) };
  }

  async send(request: UpstreamRequest): Promise<UpstreamResponse> {
    try {
      const response = await this.pools[request.upstream].request({
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: request.body,
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      return { status: response.statusCode, headers, body: response.body };
    } catch (error) {
      this.logger.warn({ err: error, upstream: request.upstream, path: request.path }, 'upstream unavailable');
      throw GATEWAY_PROBLEMS['upstream-unavailable'](`${request.upstream} did not answer; try again shortly.`, { upstream: request.upstream });
    }
  }

  /** Reads a whole body, turning a stall or reset half-way into `upstream-unavailable` too. */
  async readText(upstream: Upstream, body: Readable): Promise<string> {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
      return Buffer.concat(chunks).toString('utf8');
    } catch (error) {
      this.logger.warn({ err: error, upstream }, 'upstream body failed');
      throw GATEWAY_PROBLEMS['upstream-unavailable'](`${upstream} stopped answering; try again shortly.`, { upstream });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(Object.values(this.pools).map((pool) => pool.close().catch(() => undefined)));
  }
}
