/**
 * Answers what Node's HTTP parser refuses before any route runs (headers too large, a malformed
 * request line, a client too slow) as problem+json like every other error, instead of Fastify's
 * own JSON shape. The socket is closed afterwards, as Node and Fastify do.
 */
import { ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { COMMON_PROBLEMS, PROBLEM_CONTENT_TYPE } from './problem-details';

interface ClientError extends Error {
  code?: string;
  /** What Node was parsing when it gave up (the current chunk of the request). */
  rawPacket?: unknown;
}

/**
 * Node counts the request line and the headers against one limit (16 KB). The overflow was the
 * URL when the packet being parsed is the request's start and holds no complete request line.
 */
function requestLineOverflowed(raw: unknown): boolean {
  if (!Buffer.isBuffer(raw)) return false;
  const text = raw.subarray(0, 64).toString('latin1');
  return /^[A-Z]{3,10} \S/.test(text) && !raw.includes('\r\n');
}

/** The problem a client error is answered with, by Node's error code. */
export function clientErrorProblem(error: ClientError): { status: number; type: string; title: string; detail: string } {
  const [problem, detail] =
    error.code === 'HPE_HEADER_OVERFLOW' && requestLineOverflowed(error.rawPacket)
      ? [COMMON_PROBLEMS['uri-too-long'], 'The URL exceeds the size this server accepts.']
      : error.code === 'HPE_HEADER_OVERFLOW'
      ? [COMMON_PROBLEMS['request-header-fields-too-large'], 'The request line and headers exceed the size this server accepts.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [COMMON_PROBLEMS['request-timeout'], 'The request was not received in time.']
        : [COMMON_PROBLEMS['bad-request'], 'The request could not be parsed as HTTP.'];
  return { status: problem.status, type: problem.type, title: problem.title, detail };
}

export function problemClientErrorHandler(error: ClientError, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const problem = clientErrorProblem(error);
    const body = JSON.stringify(problem);
    socket.write(`HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}


/**
 * Fastify's `frameworkErrors`: what its router refuses before any route or hook runs — a malformed
 * percent-escape in the path (FST_ERR_BAD_URL) or a path parameter over maxParamLength
 * (FST_ERR_MAX_PARAM_LENGTH) — answered as problem+json instead of Fastify's own JSON shape.
 */
export function problemFrameworkErrors(error: ClientError, request: { url?: string }, reply: { raw: ServerResponse }): void {
  const [problem, detail] =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? [COMMON_PROBLEMS['uri-too-long'], 'A path segment is longer than this server accepts.']
      : error.code === 'FST_ERR_BAD_URL'
        ? [COMMON_PROBLEMS['bad-request'], 'The path is not a valid URL (a malformed percent-escape).']
        : [COMMON_PROBLEMS['bad-request'], 'The request could not be routed.'];
  // Written on the raw response, as Fastify's own answer is: no route, so no reply hooks to run.
  const body = JSON.stringify({ type: problem.type, title: problem.title, status: problem.status, detail, instance: request.url });
  reply.raw.writeHead(problem.status, { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(body) });
  reply.raw.end(body);
}
