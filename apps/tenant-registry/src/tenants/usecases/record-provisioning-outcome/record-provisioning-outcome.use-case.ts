/**
 * Applies provisioning's outcomes: provisioned → trial (if the plan has one) or active; failed →
 * provisioning_failed; offboarded → deleted. An outcome the tenant's state cannot take (a
 * duplicate, or an event about a tenant this registry does not hold) is reported, not applied.
 */
import { Injectable } from '@nestjs/common';
import { TenantStatus } from '@tenantry/contracts';
import { Clock } from '@tenantry/service';
import { canTransition } from '../../tenant-lifecycle';
import { Tenant } from '../../tenant.entity';
import { TenantRepository } from '../../tenant.repository';
import { changeStatus } from '../../tenant-status-change';
import { ProvisioningOutcome, RecordProvisioningOutcomeCommand } from './record-provisioning-outcome.command';

const DAY_MS = 86_400_000;

export type OutcomeResult =
  | { applied: true; tenant: Tenant }
  | { applied: false; reason: 'unknown-tenant' }
  | { applied: false; reason: 'illegal-transition'; currentStatus: TenantStatus; wanted: TenantStatus };

function target(outcome: ProvisioningOutcome, tenant: Tenant): TenantStatus {
  switch (outcome) {
    case 'provisioned':
      return tenant.plan.trial ? 'trial' : 'active';
    case 'failed':
      return 'provisioning_failed';
    case 'offboarded':
      return 'deleted';
  }
}

@Injectable()
export class RecordProvisioningOutcomeUseCase {
  constructor(
    private readonly repository: TenantRepository,
    private readonly clock: Clock,
  ) {}

  execute(command: RecordProvisioningOutcomeCommand): Promise<OutcomeResult> {
    return this.repository.transaction(async (tx): Promise<OutcomeResult> => {
      const tenant = await tx.lockTenant({ tenantId: command.tenantId });
      if (!tenant) return { applied: false, reason: 'unknown-tenant' };
      const to = target(command.outcome, tenant);
      if (!canTransition(tenant.status, to)) return { applied: false, reason: 'illegal-transition', currentStatus: tenant.status, wanted: to };
      const at = this.clock.now();
      const trialEndsAt = to === 'trial' ? new Date(at.getTime() + (tenant.plan.duration ?? 0) * DAY_MS) : undefined;
      const updated = await changeStatus(tx, tenant, { to, reason: command.reason ?? null, by: command.by, at, trialEndsAt });
      return { applied: true, tenant: updated };
    }, command.within);
  }
}
