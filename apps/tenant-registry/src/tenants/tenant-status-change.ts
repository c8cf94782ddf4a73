/**
 * Applies one lifecycle transition inside the caller's transaction: the tenant row (version + 1),
 * its history row and its event through the outbox, all or nothing.
 */
import { TenantStatus, TenantStatusChangedPayload } from '@tenantry/contracts';
import { Tenant } from './tenant.entity';
import { assertTransition, transitionEvent } from './tenant-lifecycle';
import { EntityManager } from 'typeorm';
import { TenantRepository, TenantUnitOfWork } from './tenant.repository';
import { tenantNotFound } from './tenant.problems';

/** Who asked for a change and under which request (x-tenantry-actor, x-request-id). */
export interface ActorContext {
  actor: string;
  requestId: string | null;
}

export interface StatusChange {
  to: TenantStatus;
  reason?: string | null;
  by: ActorContext;
  at: Date;
  /** For `trial`. */
  trialEndsAt?: Date;
  /** For `offboarding`: how long the export is kept. */
  retentionDays?: number;
}

const DEFAULT_RETENTION_DAYS = 30;

export async function changeStatus(tx: TenantUnitOfWork, tenant: Tenant, change: StatusChange): Promise<Tenant> {
  const from = tenant.status;
  assertTransition(from, change.to);
  const reason = change.reason ?? null;
  const updated: Tenant = {
    ...tenant,
    status: change.to,
    statusReason: reason,
    plan: change.to === 'trial' ? { ...tenant.plan, trialEndsAt: change.trialEndsAt ?? null } : tenant.plan,
    version: tenant.version + 1,
    updatedAt: change.at,
  };
  const scope = { tenantId: tenant.id };
  await tx.updateTenant(scope, updated);
  await tx.addTransition(scope, { from, to: change.to, reason, actor: change.by.actor, requestId: change.by.requestId, at: change.at });
  const base: TenantStatusChangedPayload = {
    tenantId: tenant.id,
    from,
    to: change.to,
    ...(reason !== null ? { reason } : {}),
    actor: change.by.actor,
    at: change.at.toISOString(),
  };
  const event = transitionEvent(from, change.to);
  switch (event) {
    case null:
      break;
    case 'TenantTrialStarted':
      await tx.publish(event, { ...base, trialEndsAt: (updated.plan.trialEndsAt ?? change.at).toISOString() });
      break;
    case 'TenantOffboardingStarted':
      await tx.publish(event, { ...base, retentionDays: change.retentionDays ?? DEFAULT_RETENTION_DAYS });
      break;
    case 'TenantActivated':
    case 'TenantSuspended':
    case 'TenantReactivated':
    case 'TenantDeactivated':
    case 'TenantDeleted':
    case 'TenantProvisioningRetryRequested':
      await tx.publish(event, base);
      break;
  }
  return updated;
}

/** Locks the tenant, checks the transition and applies it, in a new transaction or in `within`. */
export async function transitionTenant(
  repository: TenantRepository,
  tenantId: string,
  build: (tenant: Tenant) => StatusChange,
  within?: EntityManager,
): Promise<Tenant> {
  return repository.transaction(async (tx) => {
    const tenant = await tx.lockTenant({ tenantId });
    if (!tenant) throw tenantNotFound(tenantId);
    return changeStatus(tx, tenant, build(tenant));
  }, within);
}
