/** Applies the access matrix to the operation a handler declares, for the authenticated caller. */
import { COMMON_PROBLEMS, isUuid } from '@tenantry/service';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GATEWAY_PROBLEMS } from '../problems';
import { decideAccess } from './access-matrix';
import { OPERATION_KEY } from './operation.decorator';
import { OPERATIONS, Operation } from './operations';
import { GatewayRequest, requirePrincipal } from './principal';

/** What an impersonation credential may never do, even with write access: start another impersonation, or mint credentials. */
const IMPERSONATION_REFUSED: ReadonlySet<Operation> = new Set<Operation>(['createImpersonation', 'revokeImpersonation', 'createApiKey', 'revokeApiKey', 'listApiKeys']);

@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const operation = this.reflector.get<Operation | undefined>(OPERATION_KEY, context.getHandler());
    if (!operation) throw new Error(`handler ${context.getHandler().name} declares no operation`);
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const principal = requirePrincipal(request);
    // A malformed id is left to the validation pipe (400), which reveals nothing about other tenants.
    const id = request.params?.['id'];
    const target = OPERATIONS[operation].scope === 'tenant' && id !== undefined && isUuid(id) ? id : undefined;
    const decision = decideAccess(principal, operation, target);
    if (decision.allowed && principal.impersonation) {
      // Checked after the tenant check, so another tenant stays "not found" for an impersonation too.
      if (IMPERSONATION_REFUSED.has(operation)) throw GATEWAY_PROBLEMS.forbidden(`An impersonation credential cannot call ${operation}: impersonation cannot be chained.`, { reason: 'impersonation-chaining' });
      if (!principal.impersonation.write && OPERATIONS[operation].kind === 'write') {
        throw GATEWAY_PROBLEMS.forbidden(`This impersonation is read-only: ${operation} changes something.`, { reason: 'impersonation-read-only' });
      }
    }
    if (decision.allowed) return true;
    switch (decision.refusal) {
      case 'tenant-not-found':
        throw COMMON_PROBLEMS['tenant-not-found'](`No tenant ${target ?? ''}.`);
      case 'forbidden':
        throw GATEWAY_PROBLEMS.forbidden(`The role ${principal.role} may not call ${operation}.`);
    }
  }
}
