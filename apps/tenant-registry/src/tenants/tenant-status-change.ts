/**
 * Applies one lifecycle transition inside a transaction: the tenant row (version + 1), its history
 * row and its event through the outbox, all or nothing.
 */
import { Injectable } from '@nestjs/common';
import { TenantStatus, TenantStatusChangedPayload } from '@tenantry/contracts';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transaction, Transactions } from '@tenantry/persistence';
import { Tenant } from './tenant.row';
import { assertTransition, transitionEvent } from './tenant-lifecycle';
import { TenantRepository } from './tenant.repository';
import { tenantNotFound } from './tenant.problems';

/** Who asked for a change and under which request: from the verified internal token, or the platform itself. */
export interface ActorContext {
  actor: string;
  /** The gateway's request id. */
  requestId: string | null;
  /** The client's own request id, for correlation only. */
  correlationId?: string | null;
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

@Injectable()
export class TenantStatusChanges {
  constructor(
    private readonly repository: TenantRepository,
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Applies `change` to `tenant` (locked by the caller) in the caller's transaction. */
  async apply(tx: Transaction, tenant: Tenant, change: StatusChange): Promise<Tenant> {
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
    const scope = tenantScope(tenant.id);
    await this.repository.updateTenant(tx, scope, updated);
    await this.repository.addTransition(tx, scope, { from, to: change.to, reason, actor: change.by.actor, requestId: change.by.requestId, correlationId: change.by.correlationId ?? null, at: change.at });
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
        await this.outbox.publish(tx, event, { ...base, trialEndsAt: (updated.plan.trialEndsAt ?? change.at).toISOString() });
        break;
      case 'TenantOffboardingStarted':
        await this.outbox.publish(tx, event, { ...base, retentionDays: change.retentionDays ?? DEFAULT_RETENTION_DAYS });
        break;
      case 'TenantActivated':
      case 'TenantSuspended':
      case 'TenantReactivated':
      case 'TenantDeactivated':
      case 'TenantDeleted':
      case 'TenantProvisioningRetryRequested':
        await this.outbox.publish(tx, event, base);
        break;
    }
    return updated;
  }

  /** Locks the tenant, checks the transition and applies it, in a transaction of its own. */
  transition(tenantId: string, build: (tenant: Tenant) => StatusChange): Promise<Tenant> {
    return this.transactions.run(async (tx) => {
      const tenant = await this.repository.lockTenant(tx, tenantScope(tenantId));
      if (!tenant) throw tenantNotFound(tenantId);
      return this.apply(tx, tenant, build(tenant));
    });
  }
}
