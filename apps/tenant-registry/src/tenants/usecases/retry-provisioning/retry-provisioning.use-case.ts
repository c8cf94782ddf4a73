/** Puts a tenant whose provisioning failed back to provisioning and announces TenantProvisioningRetryRequested. */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { Tenant } from '../../tenant.entity';
import { TenantRepository } from '../../tenant.repository';
import { transitionTenant } from '../../tenant-status-change';
import { RetryProvisioningCommand } from './retry-provisioning.command';

@Injectable()
export class RetryProvisioningUseCase {
  constructor(
    private readonly repository: TenantRepository,
    private readonly clock: Clock,
  ) {}

  execute(command: RetryProvisioningCommand): Promise<Tenant> {
    return transitionTenant(this.repository, command.tenantId, () => ({ to: 'provisioning', by: command.by, at: this.clock.now() }));
  }
}
