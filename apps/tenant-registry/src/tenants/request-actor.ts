/**
 * Who is acting on an internal API call: only what the verified internal token says (the chassis'
 * InternalAuthGuard checked it). No header of the request is trusted for it.
 */
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { InternalCaller, internalCallerOf } from '@tenantry/service';
import { ActorContext } from './tenant-status-change';

export const RequestActor = createParamDecorator((_data: unknown, context: ExecutionContext): ActorContext => {
  const caller = internalCallerOf(context.switchToHttp().getRequest<{ internalCaller?: InternalCaller }>());
  return { actor: caller.actor, requestId: caller.requestId, correlationId: caller.correlationId };
});
