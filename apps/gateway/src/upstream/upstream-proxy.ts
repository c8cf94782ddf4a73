/**
 * The gateway's one way to reach an internal API: every forwarded route and every use case that
 * asks an upstream goes through here, with the caller's identity headers, and gets the answer
 * back as a value (UpstreamReply) for writeReply.
 */
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from '@tenantry/observability';
import { LOGGER } from '@tenantry/service';
import { clientCorrelationId, GatewayRequest } from '../auth';
import { GatewayConfig } from '../gateway.config';
import { idempotencyKeyOf } from '../idempotency';
import { InternalTokens } from './internal-tokens';
import { Caller, callerOf, identityHeaders, UpstreamCall } from './upstream-call';
import { ClientReply, createUpstreamClient, UpstreamClient, UpstreamRequest } from './upstream-client';
import { BufferedReply, ReplyLike, writeReply } from './upstream-reply';
import { UpstreamDeclaration, UpstreamName, UPSTREAMS } from './upstreams';

@Injectable()
export class UpstreamProxy implements OnApplicationShutdown {
  private readonly clients: Record<UpstreamName, UpstreamClient>;

  constructor(
    config: GatewayConfig,
    @Inject(LOGGER) logger: Logger,
    private readonly tokens: InternalTokens,
  ) {
    const entries = (Object.keys(UPSTREAMS) as UpstreamName[]).map((name) => {
      const declaration: UpstreamDeclaration = UPSTREAMS[name];
      return [name, createUpstreamClient(name, declaration, config[declaration.urlConfigKey], config.UPSTREAM_TIMEOUT_MS, logger)];
    });
    this.clients = Object.fromEntries(entries) as Record<UpstreamName, UpstreamClient>;
  }

  /** A success streams through (unless the upstream is declared `readWhole`); a problem is read whole. */
  forward(caller: Caller, call: UpstreamCall): Promise<ClientReply> {
    return this.clients[call.upstream].send(toRequest(this.tokens.sign(caller, call.upstream), call));
  }

  /** The answer read whole, for a use case that looks into it or keeps it for replay. */
  read(caller: Caller, call: UpstreamCall): Promise<BufferedReply> {
    return this.clients[call.upstream].read(toRequest(this.tokens.sign(caller, call.upstream), call));
  }

  /** A keyless public route's call (the unsubscribe link), read whole: signed as `anonymous:<purpose>`. */
  readAnonymous(purpose: string, request: GatewayRequest, call: UpstreamCall): Promise<BufferedReply> {
    return this.clients[call.upstream].read(toRequest(this.tokens.signAnonymous(purpose, call.upstream, request.id, clientCorrelationId(request)), call));
  }

  /**
   * A route that only forwards: the call for the route's caller, its answer written back. The
   * client's Idempotency-Key travels on as its identity does (the service keeps the key), so no
   * route repeats it; a malformed one is the 400 naming the header, and nothing is forwarded.
   */
  async relay(request: GatewayRequest, reply: ReplyLike, call: UpstreamCall): Promise<void> {
    const header = request.headers['idempotency-key'];
    const idempotencyKey = idempotencyKeyOf(Array.isArray(header) ? header.join(', ') : header);
    writeReply(reply, await this.forward(callerOf(request), idempotencyKey === undefined ? call : { ...call, idempotencyKey }), request.url);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(Object.values(this.clients).map((client) => client.close()));
  }
}

function toRequest(token: string, call: UpstreamCall): UpstreamRequest {
  const headers = identityHeaders(token);
  if (call.ifMatch) headers['if-match'] = call.ifMatch;
  if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
  if (call.upload) {
    headers['content-type'] = 'application/octet-stream';
    return { method: call.method, path: call.path, headers, body: call.upload, ...(call.headersTimeoutMs !== undefined ? { headersTimeoutMs: call.headersTimeoutMs } : {}) };
  }
  if (call.body === undefined) return { method: call.method, path: call.path, headers, ...(call.binary ? { binary: true } : {}) };
  headers['content-type'] = 'application/json';
  return { method: call.method, path: call.path, headers, body: JSON.stringify(call.body) };
}
