/** Moves a live tenant to offboarding and announces TenantOffboardingStarted, which provisioning acts on. */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { TenantRegistryConfig } from '../../../tenant-registry.config';
import { Tenant } from '../../tenant.row';
import { TenantStatusChanges } from '../../tenant-status-change';
import { OffboardTenantCommand } from './offboard-tenant.command';

@Injectable()
export class OffboardTenantUseCase {
  constructor(
    private readonly statusChanges: TenantStatusChanges,
    private readonly clock: Clock,
    private readonly config: TenantRegistryConfig,
  ) {}

  execute(command: OffboardTenantCommand): Promise<Tenant> {
    return this.statusChanges.transition(command.tenantId, () => ({
      to: 'offboarding',
      reason: command.reason,
      by: command.by,
      at: this.clock.now(),
      retentionDays: this.config.OFFBOARDING_RETENTION_DAYS,
    }));
  }
}
