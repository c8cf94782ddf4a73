/** PUT /tenants/{id}: a tenant admin may change only its name and configuration; the operator owns the rest. */
import { Injectable } from '@nestjs/common';
import { TENANT_ADMIN_UPDATABLE_FIELDS } from '../../../auth';
import { GATEWAY_PROBLEMS } from '../../../problems';
import { UpstreamProxy, UpstreamReply } from '../../../upstream';
import { UpdateTenantCommand } from './update-tenant.command';

@Injectable()
export class UpdateTenantUseCase {
  constructor(private readonly upstream: UpstreamProxy) {}

  execute(command: UpdateTenantCommand): Promise<UpstreamReply> {
    if (command.caller.principal.role === 'tenant-admin') {
      const refused = Object.keys(command.body).filter((field) => !TENANT_ADMIN_UPDATABLE_FIELDS.includes(field));
      if (refused.length > 0) {
        throw GATEWAY_PROBLEMS.forbidden(`A tenant admin may change only ${TENANT_ADMIN_UPDATABLE_FIELDS.join(' and ')}; not ${refused.join(', ')}.`, { fields: refused });
      }
    }
    return this.upstream.forward(command.caller, { upstream: 'tenant-registry', method: 'PUT', path: `/internal/v1/tenants/${command.tenantId}`, body: command.body, ifMatch: command.ifMatch });
  }
}
