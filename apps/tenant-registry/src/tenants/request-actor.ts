/** Request-level inputs of the internal API: the acting principal (x-tenantry-actor, x-request-id) and the tenant id path parameter. */
import { invalidField } from '@tenantry/service';
import { createParamDecorator, ExecutionContext, Injectable, PipeTransform } from '@nestjs/common';
import { ActorContext } from './tenant-status-change';

const ACTOR = /^[\x21-\x7e]{1,200}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
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

/** The `:id` of a tenant route: a UUID, or 400 naming `id` (it could never match, and Postgres would reject the cast). */
@Injectable()
export class TenantIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw invalidField('id', 'must be a UUID');
    return value.toLowerCase();
  }
}
