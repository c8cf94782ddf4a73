/**
 * Answers what Node's HTTP parser refuses before any route runs (headers too large, a malformed
 * request line, a client too slow) as problem+json like every other error, instead of Fastify's
 * own JSON shape. The socket is closed afterwards, as Node and Fastify do.
 */
import { Socket } from 'node:net';
import { COMMON_PROBLEMS, PROBLEM_BASE, PROBLEM_CONTENT_TYPE } from './problem-details';

interface ClientError extends Error {
  code?: string;
}

/** The status, type and title of a client error, by Node's error code. */
export function clientErrorProblem(error: ClientError): { status: number; type: string; title: string; detail: string } {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, type: `${PROBLEM_BASE}request-header-fields-too-large`, title: 'Request header fields too large', detail: 'The request line and headers exceed the size this server accepts.' };
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, type: `${PROBLEM_BASE}request-timeout`, title: 'Request timeout', detail: 'The request was not received in time.' };
  }
  const { type, title, status } = COMMON_PROBLEMS['bad-request'];
  return { status, type, title, detail: 'The request could not be parsed as HTTP.' };
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
