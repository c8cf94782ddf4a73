/**
 * What one bulk action does to one tenant: `apply` makes the change inside the caller's transaction
 * (the one that marks the item done, so a resumed job never redoes it) through the registry's own
 * use cases, and records it in the tenant's history (actor, `bulk-job:<id>` as correlation id);
 * `preview` says what would change without changing anything (dry run).
 */
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { TenantLimitsDto } from '@tenantry/tenant-api';
import { MaintenanceWindows } from '../maintenance/maintenance-windows';
import { findPlanOrFail } from '../tenants/plan-defaults';
import { assertTransition, assertUpdatable } from '../tenants/tenant-lifecycle';
import { sameLimits } from '../tenants/tenant-limits';
import { toLimitSet } from '../tenants/tenant-limits.mapper';
import { Tenant } from '../tenants/tenant.row';
import { tenantNotFound } from '../tenants/tenant.problems';
import { TenantRepository } from '../tenants/tenant.repository';
import { ActorContext, TenantStatusChanges } from '../tenants/tenant-status-change';
import { SetTenantLimitsCommand } from '../tenants/usecases/set-tenant-limits/set-tenant-limits.command';
import { SetTenantLimitsUseCase } from '../tenants/usecases/set-tenant-limits/set-tenant-limits.use-case';
import { UpdateTenantCommand } from '../tenants/usecases/update-tenant/update-tenant.command';
import { UpdateTenantUseCase } from '../tenants/usecases/update-tenant/update-tenant.use-case';
import { BulkJob } from './bulk-job.row';
import { BulkAction } from './bulk-request';
import { ChangeTenantConfigurationCommand } from '../tenants/usecases/change-tenant-configuration/change-tenant-configuration.command';
import { ChangeTenantConfigurationUseCase } from '../tenants/usecases/change-tenant-configuration/change-tenant-configuration.use-case';

/** Who a dry run's configuration preview is computed for (nothing is stored, nobody is recorded). */
const PREVIEW_ACTOR: ActorContext = { actor: 'bulk-job-preview', requestId: null };

export type BulkOutcome = Record<string, unknown>;

/** The correlation id a bulk job's changes carry in each tenant's history. */
export function bulkCorrelationId(jobId: string): string {
  return `bulk-job:${jobId}`;
}

function describe(action: BulkAction): string {
  switch (action.type) {
    case 'change-plan':
      return `plan changed to ${action.plan}`;
    case 'set-limits':
      return 'limits set';
    case 'patch-configuration':
      return `configuration patched (${Object.keys(action.patch).join(', ')})`;
    case 'schedule-maintenance':
      return `maintenance scheduled until ${action.endsAt}`;
    case 'notify-admins':
      return `admins notified: ${action.subject}`;
    case 'suspend':
    case 'reactivate':
      return action.type;
  }
}

@Injectable()
export class BulkActionApplier {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly updateTenant: UpdateTenantUseCase,
    private readonly changeConfiguration: ChangeTenantConfigurationUseCase,
    private readonly setLimits: SetTenantLimitsUseCase,
    private readonly statusChanges: TenantStatusChanges,
    private readonly maintenance: MaintenanceWindows,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async apply(tx: Transaction, job: BulkJob, tenantId: string): Promise<BulkOutcome> {
    const by: ActorContext = { actor: job.actor, requestId: job.requestId, correlationId: bulkCorrelationId(job.id) };
    const scope = tenantScope(tenantId);
    const tenant = await this.tenants.lockTenant(tx, scope);
    if (!tenant || tenant.status === 'deleted') throw tenantNotFound(tenantId);
    const now = this.clock.now();
    const { action } = job;
    let outcome: BulkOutcome;
    switch (action.type) {
      case 'suspend':
      case 'reactivate': {
        const to = action.type === 'suspend' ? 'suspended' : 'active';
        const reason = action.type === 'suspend' ? action.reason : null;
        // The transition's own history row names the actor and the job.
        await this.statusChanges.apply(tx, tenant, { to, reason, by, at: now });
        return { status: { from: tenant.status, to } };
      }
      case 'change-plan': {
        const updated = await this.updateTenant.applyIn(tx, new UpdateTenantCommand(tenantId, { plan: { id: action.plan } }, by));
        outcome = { plan: { from: tenant.plan.id, to: updated.plan.id }, changed: updated.version !== tenant.version };
        break;
      }
      case 'patch-configuration': {
        // The versioned configuration: a new version with its reason (the job), validated against the published schema.
        const result = await this.changeConfiguration.applyIn(tx, new ChangeTenantConfigurationCommand(tenantId, 'merge-patch', action.patch, by, `bulk job ${job.id}`));
        outcome = { configuration: { version: result.version.version, changes: result.changes }, changed: result.stored };
        break;
      }
      case 'set-limits': {
        const before = await this.tenants.findLimits(scope, tx);
        const limits = toLimitSet(plainToInstance(TenantLimitsDto, action.limits));
        const after = await this.setLimits.applyIn(tx, new SetTenantLimitsCommand(tenantId, limits, by, action.plain));
        outcome = { limits: { fromVersion: before?.version ?? null, toVersion: after.version }, changed: after.version !== (before?.version ?? null) };
        break;
      }
      case 'schedule-maintenance': {
        assertUpdatable(tenant.status);
        const window = await this.maintenance.schedule(
          tx,
          { scope: 'tenant', planId: null, tenantId, startsAt: action.startsAt ? new Date(action.startsAt) : null, endsAt: new Date(action.endsAt), reason: action.reason, actor: job.actor, bulkJobId: job.id },
          now,
        );
        outcome = { maintenanceId: window.id, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() };
        break;
      }
      case 'notify-admins': {
        assertUpdatable(tenant.status);
        // Seam: notifications has no consumer for this yet; the event is in the catalogue for it.
        await this.outbox.publish(tx, 'TenantAdminsNotificationRequested', { tenantId, bulkJobId: job.id, subject: action.subject, message: action.message, actor: job.actor, at: now.toISOString() });
        outcome = { notified: true };
        break;
      }
    }
    // Not a status change: the history keeps a row at the same status naming what the job did.
    await this.tenants.addTransition(tx, scope, { from: tenant.status, to: tenant.status, reason: `bulk job ${job.id}: ${describe(action)}`.slice(0, 500), actor: by.actor, requestId: by.requestId, correlationId: by.correlationId ?? null, at: now });
    return outcome;
  }

  /** What `apply` would do to this tenant; throws the problem it would fail with. */
  async preview(action: BulkAction, tenant: Tenant | null, tenantId: string): Promise<BulkOutcome> {
    if (!tenant || tenant.status === 'deleted') throw tenantNotFound(tenantId);
    switch (action.type) {
      case 'suspend':
        assertTransition(tenant.status, 'suspended');
        return { status: { from: tenant.status, to: 'suspended' } };
      case 'reactivate':
        assertTransition(tenant.status, 'active');
        return { status: { from: tenant.status, to: 'active' } };
      case 'change-plan':
        assertUpdatable(tenant.status);
        await findPlanOrFail(this.tenants, action.plan);
        return { plan: { from: tenant.plan.id, to: action.plan }, changed: tenant.plan.id !== action.plan };
      case 'patch-configuration': {
        const result = await this.changeConfiguration.execute(new ChangeTenantConfigurationCommand(tenantId, 'merge-patch', action.patch, PREVIEW_ACTOR, undefined, undefined, true));
        return { configuration: { version: result.version.version, changes: result.changes }, changed: result.changes.length > 0 };
      }
      case 'set-limits': {
        assertUpdatable(tenant.status);
        const current = await this.tenants.findLimits(tenantScope(tenant.id));
        const limits = toLimitSet(plainToInstance(TenantLimitsDto, action.limits));
        return { limits: { from: current?.limits ?? null, to: limits }, changed: !(current?.explicit && sameLimits(current.limits, limits)) };
      }
      case 'schedule-maintenance':
        assertUpdatable(tenant.status);
        return { maintenance: { startsAt: action.startsAt ?? 'now', endsAt: action.endsAt }, changed: true };
      case 'notify-admins':
        assertUpdatable(tenant.status);
        return { notify: { adminEmail: tenant.adminEmail, subject: action.subject }, changed: true };
    }
  }
}
