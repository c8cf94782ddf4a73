/** Request-level inputs of the internal API: the acting principal (x-tenantry-actor, x-request-id). */
import { invalidField } from '@tenantry/service';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ActorContext } from './tenant-status-change';

const ACTOR = /^[\x21-\x7e]{1,200}$/;
/** Calls without the gateway's header come from inside the platform. */
const DEFAULT_ACTOR = 'system';

interface RequestLike {
  id?: string;
  headers: Record<string, string | string[] | undefined>;
}

export const RequestActor = createParamDecorator((_data: unknown, context: ExecutionContext): ActorContext => {
  const request = context.switchToHttp().getRequest<RequestLike>();
  const header = request.headers['x-tenantry-actor'];
  const actor = typeof header === 'string' && header.length > 0 ? header : DEFAULT_ACTOR;
  if (!ACTOR.test(actor)) throw invalidField('x-tenantry-actor', 'must be 1–200 visible ASCII characters');
  return { actor, requestId: request.id ?? null };
});
