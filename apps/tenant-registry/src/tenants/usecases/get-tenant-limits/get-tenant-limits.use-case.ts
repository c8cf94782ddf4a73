/** Reads a tenant's limits: the ones set or derived and stored, else those its resources give; 404 for an unknown or deleted tenant (as a write answers). */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { limitsOrDerived } from '../../tenant-limits';
import { TenantLimits } from '../../tenant-limits.row';
import { tenantNotFound } from '../../tenant.problems';
import { TenantRepository } from '../../tenant.repository';
import { GetTenantLimitsCommand } from './get-tenant-limits.command';

@Injectable()
export class GetTenantLimitsUseCase {
  constructor(private readonly repository: TenantRepository) {}

  async execute(command: GetTenantLimitsCommand): Promise<TenantLimits> {
    const scope = tenantScope(command.tenantId);
    const tenant = await this.repository.findTenant(scope);
    if (!tenant || tenant.status === 'deleted') throw tenantNotFound(command.tenantId);
    return limitsOrDerived(tenant.id, await this.repository.findLimits(scope), tenant.resources, tenant.updatedAt);
  }
}
