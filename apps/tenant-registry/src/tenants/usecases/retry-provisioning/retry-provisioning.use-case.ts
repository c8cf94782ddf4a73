/** Puts a tenant whose provisioning failed back to provisioning and announces TenantProvisioningRetryRequested. */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { Tenant } from '../../tenant.row';
import { TenantStatusChanges } from '../../tenant-status-change';
import { RetryProvisioningCommand } from './retry-provisioning.command';

@Injectable()
export class RetryProvisioningUseCase {
  constructor(
    private readonly statusChanges: TenantStatusChanges,
    private readonly clock: Clock,
  ) {}

  execute(command: RetryProvisioningCommand): Promise<Tenant> {
    return this.statusChanges.transition(command.tenantId, () => ({ to: 'provisioning', by: command.by, at: this.clock.now() }));
  }
}
