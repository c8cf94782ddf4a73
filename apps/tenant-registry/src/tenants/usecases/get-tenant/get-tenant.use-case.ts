/** Reads one tenant, or answers 404 `tenant-not-found`. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { Tenant } from '../../tenant.row';
import { tenantNotFound } from '../../tenant.problems';
import { TenantRepository } from '../../tenant.repository';
import { GetTenantCommand } from './get-tenant.command';

@Injectable()
export class GetTenantUseCase {
  constructor(private readonly repository: TenantRepository) {}

  async execute(command: GetTenantCommand): Promise<Tenant> {
    const tenant = await this.repository.findTenant(tenantScope(command.tenantId));
    if (!tenant) throw tenantNotFound(command.tenantId);
    return tenant;
  }
}
