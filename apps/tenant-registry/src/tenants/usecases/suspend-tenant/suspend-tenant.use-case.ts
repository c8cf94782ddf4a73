/** Suspends a tenant (trial or active) and announces TenantSuspended. */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { Tenant } from '../../tenant.entity';
import { TenantRepository } from '../../tenant.repository';
import { transitionTenant } from '../../tenant-status-change';
import { SuspendTenantCommand } from './suspend-tenant.command';

@Injectable()
export class SuspendTenantUseCase {
  constructor(
    private readonly repository: TenantRepository,
    private readonly clock: Clock,
  ) {}

  execute(command: SuspendTenantCommand): Promise<Tenant> {
    return transitionTenant(this.repository, command.tenantId, () => ({ to: 'suspended', reason: command.reason ?? null, by: command.by, at: this.clock.now() }));
  }
}
