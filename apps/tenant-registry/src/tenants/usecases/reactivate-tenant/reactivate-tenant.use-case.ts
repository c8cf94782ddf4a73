/** Reactivates a suspended tenant and announces TenantReactivated. */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { Tenant } from '../../tenant.entity';
import { TenantRepository } from '../../tenant.repository';
import { transitionTenant } from '../../tenant-status-change';
import { ReactivateTenantCommand } from './reactivate-tenant.command';

@Injectable()
export class ReactivateTenantUseCase {
  constructor(
    private readonly repository: TenantRepository,
    private readonly clock: Clock,
  ) {}

  execute(command: ReactivateTenantCommand): Promise<Tenant> {
    return transitionTenant(this.repository, command.tenantId, () => ({ to: 'active', by: command.by, at: this.clock.now() }));
  }
}
