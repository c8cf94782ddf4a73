/**
 * One keep-alive connection pool per internal API, all built by createUpstreamClient. An upstream
 * that refuses, resets or does not answer within the timeout becomes 503 `upstream-unavailable`:
 * a caller never hangs on it.
 */
import { Readable } from 'node:stream';
import { Pool } from 'undici';
import { Logger } from '@tenantry/observability';
import { GATEWAY_PROBLEMS } from '../problems';
import { UpstreamMethod } from './upstream-call';
import { BufferedReply, isProblem, UpstreamReply } from './upstream-reply';
import { UpstreamDeclaration, UpstreamName } from './upstreams';

const CONNECT_TIMEOUT_MS = 2_000;

export interface UpstreamRequest {
  method: UpstreamMethod;
  path: string;
  headers: Record<string, string>;
  body?: string | Readable;
  headersTimeoutMs?: number;
  /** Stream a success through even from a `readWhole` upstream (binary answers: text decoding would corrupt them). */
  binary?: boolean;
}

/** What a client answers: a success still streaming, or text read whole (a problem always is, to get our `instance`; every answer of a `readWhole` upstream is). */
export interface ClientReply extends UpstreamReply {
  body: Readable | string;
}

export class UpstreamClient {
  constructor(
    readonly name: UpstreamName,
    private readonly pool: Pool,
    private readonly logger: Logger,
    private readonly readWhole: boolean,
  ) {}

  async send(request: UpstreamRequest): Promise<ClientReply> {
    let reply: UpstreamReply & { body: Readable };
    try {
      const response = await this.pool.request({
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: request.body,
        ...(request.headersTimeoutMs !== undefined ? { headersTimeout: request.headersTimeoutMs } : {}),
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      reply = { status: response.statusCode, headers, body: response.body };
    } catch (error) {
      this.logger.warn({ err: error, upstream: this.name, path: request.path }, 'upstream unavailable');
      throw GATEWAY_PROBLEMS['upstream-unavailable'](`${this.name} did not answer; try again shortly.`, { upstream: this.name });
    }
    return (this.readWhole && !request.binary) || isProblem(reply.headers) ? { ...reply, body: await this.readText(reply.body) } : reply;
  }

  async read(request: UpstreamRequest): Promise<BufferedReply> {
    const reply = await this.send(request);
    return typeof reply.body === 'string' ? { ...reply, body: reply.body } : { ...reply, body: await this.readText(reply.body) };
  }

  async close(): Promise<void> {
    await this.pool.close().catch(() => undefined);
  }

  /** Reads a whole body, turning a stall or reset half-way into `upstream-unavailable` too. */
  private async readText(body: Readable): Promise<string> {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
      return Buffer.concat(chunks).toString('utf8');
    } catch (error) {
      this.logger.warn({ err: error, upstream: this.name }, 'upstream body failed');
      throw GATEWAY_PROBLEMS['upstream-unavailable'](`${this.name} stopped answering; try again shortly.`, { upstream: this.name });
    }
  }
}

/** The one pool configuration: headers, and each next body chunk, must come within `timeoutMs`. */
export function createUpstreamClient(name: UpstreamName, declaration: UpstreamDeclaration, url: string, timeoutMs: number, logger: Logger): UpstreamClient {
  const pool = new Pool(url, {
    connections: 64,
    keepAliveTimeout: 30_000,
    connect: { timeout: Math.min(CONNECT_TIMEOUT_MS, timeoutMs) },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  return new UpstreamClient(name, pool, logger, declaration.readWhole ?? false);
}
