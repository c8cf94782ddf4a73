/**
 * An upstream's answer as a value, and the one writer that passes it to the caller: status, the
 * headers that matter (Location rewritten to the public path), and problems given our `instance`.
 */
import { Readable } from 'node:stream';
import { PROBLEM_CONTENT_TYPE } from '@tenantry/service';

const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'etag', 'location', 'retry-after', 'last-modified', 'cache-control'];
const INTERNAL_PREFIX = '/internal/v1/';
export const PUBLIC_PREFIX = '/api/v1/platform/';

/** A JSON document the gateway built or looked into; serialised once, on the way out. */
export type JsonDocument = Record<string, unknown>;

export interface UpstreamReply {
  status: number;
  /** Lower-case names, as the upstream sent them; the writer picks the public ones. */
  headers: Record<string, string>;
  /** A stream passes through as it flows (an export archive can be large); text and documents were read whole. */
  body: Readable | string | JsonDocument;
}

/** An answer read whole: what the use cases look into and what an Idempotency-Key replays. */
export interface BufferedReply extends UpstreamReply {
  body: string;
}

/** The part of a Fastify reply the writer uses. */
export interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body?: unknown): unknown;
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

export function isProblem(headers: Record<string, string>): boolean {
  return (headers['content-type'] ?? '').startsWith(PROBLEM_CONTENT_TYPE);
}

/** A JSON answer the gateway gives in an upstream's place. */
export function jsonReply(status: number, body: JsonDocument, contentType = 'application/json'): UpstreamReply {
  return { status, headers: { 'content-type': contentType }, body };
}

/** Parses a body read whole as a JSON object, or undefined when it is not one. */
export function parseDocument(text: string): JsonDocument | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonDocument) : undefined;
  } catch {
    return undefined;
  }
}

/** `extraHeaders` are the gateway's own (e.g. `Idempotent-Replayed`), set after the upstream's. */
export function writeReply(reply: ReplyLike, answer: UpstreamReply, instance: string, extraHeaders: Record<string, string> = {}): void {
  const headers = publicHeaders(answer.headers);
  const { body } = answer;
  reply.status(answer.status);
  if (body instanceof Readable) {
    // The bytes pass unchanged, so the upstream's Content-Length still holds.
    for (const [name, value] of Object.entries({ ...headers, ...extraHeaders })) reply.header(name, value);
    if (answer.status === 204) {
      body.resume();
      reply.send();
    } else {
      reply.send(body);
    }
    return;
  }
  delete headers['content-length'];
  for (const [name, value] of Object.entries({ ...headers, ...extraHeaders })) reply.header(name, value);
  const payload = isProblem(headers) ? withInstance(body, instance) : typeof body === 'string' ? body : JSON.stringify(body);
  reply.send(answer.status === 204 || payload === '' ? undefined : payload);
}

/** Upstream problems pass through unchanged except `instance`, which names the public path. */
function withInstance(body: string | JsonDocument, instance: string): string {
  const problem = typeof body === 'string' ? parseDocument(body) : body;
  // Not a JSON object after all: pass it through untouched.
  if (problem === undefined) return body as string;
  return JSON.stringify({ ...problem, instance });
}
