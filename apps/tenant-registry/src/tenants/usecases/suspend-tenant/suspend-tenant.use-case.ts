/** Suspends a tenant (trial or active) and announces TenantSuspended. */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { Tenant } from '../../tenant.row';
import { TenantStatusChanges } from '../../tenant-status-change';
import { SuspendTenantCommand } from './suspend-tenant.command';

@Injectable()
export class SuspendTenantUseCase {
  constructor(
    private readonly statusChanges: TenantStatusChanges,
    private readonly clock: Clock,
  ) {}

  execute(command: SuspendTenantCommand): Promise<Tenant> {
    return this.statusChanges.transition(command.tenantId, () => ({ to: 'suspended', reason: command.reason ?? null, by: command.by, at: this.clock.now() }));
  }
}
