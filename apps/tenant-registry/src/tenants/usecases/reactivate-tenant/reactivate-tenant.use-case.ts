/** Reactivates a suspended tenant and announces TenantReactivated. */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { Tenant } from '../../tenant.row';
import { TenantStatusChanges } from '../../tenant-status-change';
import { ReactivateTenantCommand } from './reactivate-tenant.command';

@Injectable()
export class ReactivateTenantUseCase {
  constructor(
    private readonly statusChanges: TenantStatusChanges,
    private readonly clock: Clock,
  ) {}

  execute(command: ReactivateTenantCommand): Promise<Tenant> {
    return this.statusChanges.transition(command.tenantId, () => ({ to: 'active', by: command.by, at: this.clock.now() }));
  }
}
