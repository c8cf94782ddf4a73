/** Refuses tenant-scoped calls on suspended and deleted tenants, from the status projection (never a registry call). */
import { COMMON_PROBLEMS, isUuid } from '@tenantry/service';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { tenantScope } from '@tenantry/persistence';
import { GatewayRequest, isPlatformRole, Operation, OPERATION_KEY, OPERATIONS, requirePrincipal } from '../auth';
import { GATEWAY_PROBLEMS } from '../problems';
import { decideTenantState } from './tenant-state-policy';
import { TenantStatusRepository } from './tenant-status.repository';

@Injectable()
export class TenantStateGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly statuses: TenantStatusRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const operation = this.reflector.get<Operation | undefined>(OPERATION_KEY, context.getHandler());
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const id = request.params?.['id'];
    if (!operation || OPERATIONS[operation].scope !== 'tenant' || id === undefined || !isUuid(id)) return true;
    const principal = requirePrincipal(request);
    const known = await this.statuses.find(tenantScope(id));
    const decision = decideTenantState({ status: known?.status, operation, kind: OPERATIONS[operation].kind, platformRole: isPlatformRole(principal.role) });
    if (decision.allowed) return true;
    switch (decision.refusal) {
      case 'tenant-suspended':
        throw GATEWAY_PROBLEMS['tenant-suspended'](`Tenant ${id} is suspended; only reading it and reactivating it are possible.`);
      case 'tenant-not-found':
        throw COMMON_PROBLEMS['tenant-not-found'](`No tenant ${id}.`);
    }
  }
}
