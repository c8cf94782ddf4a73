/** A tenant's status transitions, oldest first; the creation is the first. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { TenantTransition } from '../../tenant-transition.row';
import { tenantNotFound } from '../../tenant.problems';
import { TenantRepository } from '../../tenant.repository';
import { GetTenantHistoryCommand } from './get-tenant-history.command';

@Injectable()
export class GetTenantHistoryUseCase {
  constructor(private readonly repository: TenantRepository) {}

  async execute(command: GetTenantHistoryCommand): Promise<TenantTransition[]> {
    const scope = tenantScope(command.tenantId);
    if (!(await this.repository.findTenant(scope))) throw tenantNotFound(command.tenantId);
    return this.repository.history(scope);
  }
}
