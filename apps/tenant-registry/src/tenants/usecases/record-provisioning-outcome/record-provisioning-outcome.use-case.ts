/**
 * Applies provisioning's outcomes: provisioned → trial (if the plan has one) or active; failed →
 * provisioning_failed; offboarded → deleted. An outcome the tenant's state cannot take (a
 * duplicate, or an event about a tenant this registry does not hold) is reported, not applied.
 */
import { Injectable } from '@nestjs/common';
import { TenantStatus } from '@tenantry/contracts';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { canTransition } from '../../tenant-lifecycle';
import { Tenant } from '../../tenant.row';
import { TenantRepository } from '../../tenant.repository';
import { TenantStatusChanges } from '../../tenant-status-change';
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
    private readonly statusChanges: TenantStatusChanges,
    private readonly clock: Clock,
  ) {}

  /** Runs in the consumer's transaction, which also holds the inbox row. */
  async execute(command: RecordProvisioningOutcomeCommand, tx: Transaction): Promise<OutcomeResult> {
    const tenant = await this.repository.lockTenant(tx, tenantScope(command.tenantId));
    if (!tenant) return { applied: false, reason: 'unknown-tenant' };
    const to = target(command.outcome, tenant);
    if (!canTransition(tenant.status, to)) return { applied: false, reason: 'illegal-transition', currentStatus: tenant.status, wanted: to };
    const at = this.clock.now();
    const trialEndsAt = to === 'trial' ? new Date(at.getTime() + (tenant.plan.duration ?? 0) * DAY_MS) : undefined;
    const updated = await this.statusChanges.apply(tx, tenant, { to, reason: command.reason ?? null, by: command.by, at, trialEndsAt });
    return { applied: true, tenant: updated };
  }
}
