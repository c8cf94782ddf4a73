/**
 * Fastify hooks that see every answer: the byte size of request and response and the time taken.
 * A response body's size is its Content-Length, or (for a stream without one) the bytes that went
 * through; a request body's is its Content-Length.
 */
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GatewayRequest } from '../auth';

export interface ObservedCall {
  request: GatewayRequest;
  status: number;
  requestBytes: number;
  responseBytes: number;
  elapsedMs: number;
}

interface ReplyLike {
  statusCode: number;
  elapsedTime: number;
  getHeader(name: string): unknown;
}

interface FastifyLike {
  addHook(name: 'onSend', hook: (request: GatewayRequest, reply: ReplyLike, payload: unknown) => Promise<unknown>): void;
  addHook(name: 'onResponse', hook: (request: GatewayRequest, reply: ReplyLike) => Promise<void>): void;
}

const STREAMED_BYTES = Symbol('tenantry.streamedBytes');
type Counted = GatewayRequest & { [STREAMED_BYTES]?: { bytes: number } };

function byteCount(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

export const PUBLIC_API_PREFIX = '/api/v1/platform/';

/** Installs the hooks once; api-usage and performance each subscribe to the calls of the public API. */
@Injectable()
export class TrafficObserver implements OnModuleInit {
  private readonly listeners: ((call: ObservedCall) => void)[] = [];

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  subscribe(listener: (call: ObservedCall) => void): void {
    this.listeners.push(listener);
  }

  onModuleInit(): void {
    observeCalls(this.adapterHost, PUBLIC_API_PREFIX, (call) => {
      for (const listener of this.listeners) listener(call);
    });
  }
}

function observeCalls(adapterHost: HttpAdapterHost, prefix: string, observe: (call: ObservedCall) => void): void {
  const fastify = adapterHost.httpAdapter.getInstance<FastifyLike>();
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith(prefix) || !(payload instanceof Readable) || byteCount(reply.getHeader('content-length')) !== undefined) return payload;
    const counter = { bytes: 0 };
    (request as Counted)[STREAMED_BYTES] = counter;
    const counting = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        counter.bytes += chunk.length;
        done(null, chunk);
      },
    });
    // pipeline destroys the counting stream if the source fails, so the reply ends instead of hanging.
    pipeline(payload, counting, () => undefined);
    return counting;
  });
  fastify.addHook('onResponse', async (request, reply) => {
    if (!request.url.startsWith(prefix)) return;
    const length = byteCount(reply.getHeader('content-length'));
    observe({
      request,
      status: reply.statusCode,
      requestBytes: byteCount(request.headers['content-length']) ?? 0,
      responseBytes: length ?? (request as Counted)[STREAMED_BYTES]?.bytes ?? 0,
      elapsedMs: reply.elapsedTime,
    });
  });
}
