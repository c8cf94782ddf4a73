/** Writes an upstream answer to the caller: status, the headers that matter, Location rewritten, problems given our `instance`. */
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE } from '@tenantry/service';
import { Upstream, UpstreamClient, UpstreamResponse } from './upstream-client';

const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'etag', 'location', 'retry-after', 'last-modified', 'cache-control'];
const INTERNAL_PREFIX = '/internal/v1/';
export const PUBLIC_PREFIX = '/api/v1/platform/';

export interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body?: unknown): unknown;
}

/** An answer held in memory, for replay (idempotency) and for answers the gateway reshapes. */
export interface BufferedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function publicHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PASSED_HEADERS) {
    const value = headers[name];
    if (value === undefined) continue;
    out[name] = name === 'location' && value.startsWith(INTERNAL_PREFIX) ? PUBLIC_PREFIX + value.slice(INTERNAL_PREFIX.length) : value;
  }
  return out;
}

@Injectable()
export class ProxyReply {
  constructor(private readonly client: UpstreamClient) {}

  async buffer(upstream: Upstream, response: UpstreamResponse, instance: string): Promise<BufferedResponse> {
    const text = await this.client.readText(upstream, response.body);
    const headers = publicHeaders(response.headers);
    delete headers['content-length'];
    return { status: response.status, headers, body: isProblem(headers) ? withInstance(text, instance) : text };
  }

  /** Streams success bodies (an export archive can be large); buffers problems to set `instance`. */
  async relay(reply: ReplyLike, upstream: Upstream, response: UpstreamResponse, instance: string): Promise<void> {
    const headers = publicHeaders(response.headers);
    if (isProblem(headers)) {
      this.send(reply, await this.buffer(upstream, response, instance));
      return;
    }
    reply.status(response.status);
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    if (response.status === 204) {
      response.body.resume();
      reply.send();
      return;
    }
    reply.send(response.body as Readable);
  }

  send(reply: ReplyLike, response: BufferedResponse, extraHeaders: Record<string, string> = {}): void {
    reply.status(response.status);
    for (const [name, value] of Object.entries({ ...response.headers, ...extraHeaders })) reply.header(name, value);
    reply.send(response.status === 204 || response.body === '' ? undefined : response.body);
  }
}

function isProblem(headers: Record<string, string>): boolean {
  return (headers['content-type'] ?? '').startsWith(PROBLEM_CONTENT_TYPE);
}

/** Upstream problems pass through unchanged except `instance`, which names the public path. */
export function withInstance(text: string, instance: string): string {
  try {
    const problem = JSON.parse(text) as unknown;
    if (typeof problem === 'object' && problem !== null && !Array.isArray(problem)) return JSON.stringify({ ...problem, instance });
  } catch {
    // Not JSON after all: pass it through untouched.
  }
  return text;
}
