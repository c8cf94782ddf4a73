/** Per-request (or per-event) context that logs and outgoing events pick up: request id and tenant id. */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId?: string;
  tenantId?: string;
  correlationId?: string;
  /** The event being handled, so events published in reaction to it name it as their cause. */
  causationId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

export function currentContext(): RequestContext {
  return storage.getStore() ?? {};
}

/** For hooks that cannot wrap the rest of the request in a callback (Fastify's onRequest). */
export function enterContext(context: RequestContext): void {
  storage.enterWith({ ...context });
}
