/**
 * Moves a tenant through its lifecycle on billing's decisions, in the consumer's transaction:
 * - dunning `suspended` → suspended, reason `payment` (from trial or active);
 * - dunning `inactive` → inactive, reason `payment` (a tenant not yet suspended is suspended first,
 *   so its history shows both steps);
 * - dunning cleared → active again, only for a tenant suspended with reason `payment` — one an
 *   operator suspended for anything else stays suspended; an inactive tenant stays inactive (the
 *   lifecycle allows only offboarding from there);
 * - trial ended: `converted` → active, `expired` → inactive (reason `trial expired`).
 * A decision the tenant's state does not call for (a duplicate, a tenant already offboarding, one
 * this registry does not hold) is reported, not applied.
 */
import { Injectable } from '@nestjs/common';
import { TenantStatus } from '@tenantry/contracts';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { canTransition } from '../../tenant-lifecycle';
import { Tenant } from '../../tenant.row';
import { TenantRepository } from '../../tenant.repository';
import { StatusChange, TenantStatusChanges } from '../../tenant-status-change';
import { TRIAL_EXPIRED_REASON } from '../expire-trials/expire-trials.use-case';
import { ApplyBillingOutcomeCommand, BillingOutcome } from './apply-billing-outcome.command';

/** The statusReason of a tenant billing suspended or deactivated for non-payment. */
export const PAYMENT_REASON = 'payment';

export type BillingOutcomeResult = { applied: true; tenant: Tenant } | { applied: false; reason: 'unknown-tenant' | 'not-applicable'; currentStatus?: TenantStatus };

/** The statuses to move through, in order, with their reason; empty when the outcome does not apply to `tenant`. */
function path(outcome: BillingOutcome, tenant: Tenant): { to: TenantStatus; reason: string | null }[] {
  switch (outcome.kind) {
    case 'dunning-step':
      if (outcome.step === 'suspended') return tenant.status === 'active' || tenant.status === 'trial' ? [{ to: 'suspended', reason: PAYMENT_REASON }] : [];
      if (outcome.step === 'inactive') {
        if (tenant.status === 'suspended') return [{ to: 'inactive', reason: PAYMENT_REASON }];
        if (tenant.status === 'active' || tenant.status === 'trial') return [{ to: 'suspended', reason: PAYMENT_REASON }, { to: 'inactive', reason: PAYMENT_REASON }];
      }
      return [];
    case 'dunning-cleared':
      return tenant.status === 'suspended' && tenant.statusReason === PAYMENT_REASON ? [{ to: 'active', reason: null }] : [];
    case 'trial-ended':
      if (tenant.status !== 'trial') return [];
      return outcome.outcome === 'converted' ? [{ to: 'active', reason: null }] : [{ to: 'inactive', reason: TRIAL_EXPIRED_REASON }];
  }
}

@Injectable()
export class ApplyBillingOutcomeUseCase {
  constructor(
    private readonly repository: TenantRepository,
    private readonly statusChanges: TenantStatusChanges,
    private readonly clock: Clock,
  ) {}

  async execute(command: ApplyBillingOutcomeCommand, tx: Transaction): Promise<BillingOutcomeResult> {
    let tenant = await this.repository.lockTenant(tx, tenantScope(command.tenantId));
    if (!tenant) return { applied: false, reason: 'unknown-tenant' };
    const steps = path(command.outcome, tenant);
    if (steps.length === 0 || !canTransition(tenant.status, steps[0]?.to as TenantStatus)) return { applied: false, reason: 'not-applicable', currentStatus: tenant.status };
    const at = this.clock.now();
    for (const step of steps) {
      const change: StatusChange = { to: step.to, reason: step.reason, by: command.by, at };
      tenant = await this.statusChanges.apply(tx, tenant, change);
    }
    return { applied: true, tenant };
  }
}
