/** PUT /tenants/{id}: a tenant admin may change only its name and configuration; the operator owns the rest. */
import { Injectable } from '@nestjs/common';
import { TENANT_ADMIN_UPDATABLE_FIELDS } from '../../../auth';
import { GATEWAY_PROBLEMS } from '../../../problems';
import { UpstreamResponse } from '../../upstream/upstream-client';
import { ForwardRequestCommand } from '../forward-request/forward-request.command';
import { ForwardRequestUseCase } from '../forward-request/forward-request.use-case';
import { UpdateTenantCommand } from './update-tenant.command';

@Injectable()
export class UpdateTenantUseCase {
  constructor(private readonly forward: ForwardRequestUseCase) {}

  execute(command: UpdateTenantCommand): Promise<UpstreamResponse> {
    if (command.principal.role === 'tenant-admin') {
      const refused = Object.keys(command.body).filter((field) => !TENANT_ADMIN_UPDATABLE_FIELDS.includes(field));
      if (refused.length > 0) {
        throw GATEWAY_PROBLEMS.forbidden(`A tenant admin may change only ${TENANT_ADMIN_UPDATABLE_FIELDS.join(' and ')}; not ${refused.join(', ')}.`, { fields: refused });
      }
    }
    return this.forward.execute(
      new ForwardRequestCommand('tenant-registry', 'PUT', `/internal/v1/tenants/${command.tenantId}`, command.principal, command.requestId, command.body, command.ifMatch),
    );
  }
}
