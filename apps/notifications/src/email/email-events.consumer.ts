/**
 * Everything a person should hear about by mail, from the lifecycle, provisioning, metering-alert
 * and billing topics: directory facts are projected, notifications planned as delivery rows, all in
 * the inbox transaction (a redelivered event changes nothing). The sender (mail-sender.scheduler.ts)
 * does the sending.
 */
import { TOPICS } from '@tenantry/contracts';
import { EventHandlers } from '@tenantry/messaging';
import { Transaction } from '@tenantry/persistence';
import { ConsumesEvents, EventConsumerSpec } from '@tenantry/service';
import { CONSUMER_GROUPS } from '../service';
import { TenantDirectory } from './directory/tenant-directory.repository';
import { NotificationType } from './notification-types';
import { PlanNotificationCommand } from './usecases/plan-notification/plan-notification.command';
import { PlanNotificationUseCase } from './usecases/plan-notification/plan-notification.use-case';
import { ProjectTenantUseCase } from './usecases/project-tenant/project-tenant.use-case';

/** `amountMinor` in the currency's major unit, e.g. 2900 USD → "29.00". */
export function formatAmount(amountMinor: number, currency: string): string {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    digits = 2;
  }
  return (amountMinor / 10 ** digits).toFixed(digits);
}

@ConsumesEvents()
export class EmailEventsConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.email;
  readonly topics = [TOPICS.TENANT_LIFECYCLE.name, TOPICS.TENANT_PROVISIONING.name, TOPICS.METERING_ALERTS.name, TOPICS.BILLING.name, TOPICS.HEALTH.name, TOPICS.GATEWAY_OPERATIONS.name, TOPICS.NOTIFICATIONS.name] as const;
  readonly handlers: EventHandlers = {
    TenantCreated: async ({ payload: p }, tx) => {
      await this.project.execute({ kind: 'created', tenantId: p.tenantId, name: p.name, adminEmail: p.adminEmail, language: p.configuration.language, at: new Date(p.createdAt) }, tx);
    },
    TenantConfigChanged: async ({ payload: p }, tx) => {
      await this.project.execute({ kind: 'configured', tenantId: p.tenantId, configuration: p.configuration, at: new Date(p.at) }, tx);
    },
    TenantAdminCreated: async ({ payload: p }, tx) => {
      await this.project.execute({ kind: 'admin-invited', tenantId: p.tenantId, email: p.email, expiresAt: new Date(p.invitationExpiresAt), at: new Date(p.invitationExpiresAt) }, tx);
    },
    TenantUserInvited: async ({ meta, payload: p }, tx) => {
      // The link's host is the tenant's (TenantProvisioned); the token is derived at send time, never carried.
      const entry = await this.directory.get(p.tenantId, tx);
      await this.plan(meta.id, 'user-invited', p.tenantId, { email: p.email, role: p.role, hostname: entry?.hostname ?? '', expiresAt: p.invitationExpiresAt }, tx);
    },
    // Operators' messages: a bulk job's note to a tenant's admins, and the grace notice of a maintenance window to each affected tenant's
    // admin (tenant- and plan-scoped windows name their tenants; a platform-wide window names none: see the README).
    TenantAdminsNotificationRequested: async ({ meta, payload: p }, tx) => {
      await this.plan(meta.id, 'admin-message', p.tenantId, { subject: p.subject, message: p.message }, tx);
    },
    MaintenanceScheduled: async ({ meta, payload: p }, tx) => {
      // A global window names no tenants: every tenant still on the platform is told. (A plan's window with no tenants on the plan tells no one.)
      const global = p.scope === 'global' || (p.scope === undefined && p.tenantIds.length === 0);
      const tenantIds = global ? await this.directory.reachableTenantIds(tx) : p.tenantIds;
      for (const tenantId of tenantIds) await this.plan(meta.id, 'maintenance-scheduled', tenantId, { startsAt: p.startsAt, endsAt: p.endsAt, reason: p.reason, emergency: p.emergency ?? false }, tx);
    },
    ImpersonationStarted: async ({ meta, payload: p }, tx) => {
      await this.plan(
        meta.id,
        'impersonation-started',
        p.tenantId,
        { impersonationId: p.impersonationId, actorRole: p.actorRole, access: p.write ? 'read-write' : 'read-only', reason: p.reason, expiresAt: p.expiresAt },
        tx,
      );
    },
    TenantProvisioned: async ({ meta, payload: p }, tx) => {
      await this.project.execute({ kind: 'provisioned', tenantId: p.tenantId, hostname: p.hostname, at: new Date(p.at) }, tx);
      const entry = await this.directory.get(p.tenantId, tx);
      // No invitation (an older saga, or the admin event not seen): nothing to invite to.
      if (!entry?.invitationExpiresAt) return;
      await this.plan(meta.id, 'welcome', p.tenantId, { hostname: p.hostname, expiresAt: entry.invitationExpiresAt.toISOString() }, tx);
    },
    TenantProvisioningFailed: async ({ meta, payload: p }, tx) => {
      await this.plan(meta.id, 'provisioning-failed', null, { tenantId: p.tenantId, step: p.step, reason: p.reason, attempts: p.attempts }, tx);
    },
    TenantSuspended: async ({ meta, payload: p }, tx) => {
      await this.plan(meta.id, 'tenant-suspended', p.tenantId, { reason: p.reason ?? '' }, tx);
    },
    TenantReactivated: async ({ meta, payload: p }, tx) => {
      await this.plan(meta.id, 'tenant-reactivated', p.tenantId, {}, tx);
    },
    TenantOffboarded: async ({ meta, payload: p }, tx) => {
      await this.project.execute({ kind: 'offboarded', tenantId: p.tenantId, at: new Date(p.at) }, tx);
      await this.plan(meta.id, 'offboarding-complete', p.tenantId, { archiveUri: p.archiveUri, retainedUntil: p.retainedUntil }, tx);
    },
    UsageThresholdReached: async ({ meta, payload: p }, tx) => {
      await this.plan(meta.id, 'usage-alert', p.tenantId, { alerts: [{ metric: p.metric, usage: p.usage, limit: p.limit, percent: p.thresholdPercent, exceeded: false, unusual: false, baseline: '', at: p.at }] }, tx);
    },
    UsageLimitExceeded: async ({ meta, payload: p }, tx) => {
      const percent = Number(p.limit) > 0 ? Math.floor((Number(p.usage) / Number(p.limit)) * 100) : 100;
      await this.plan(meta.id, 'usage-alert', p.tenantId, { alerts: [{ metric: p.metric, usage: p.usage, limit: p.limit, percent, exceeded: true, unusual: false, baseline: '', at: p.at }] }, tx);
    },
    UnusualUsageDetected: async ({ meta, payload: p }, tx) => {
      const alert = { metric: p.metric, usage: String(p.observed), limit: '', percent: 0, exceeded: false, unusual: true, baseline: String(Math.round(p.baselineMedian * 100) / 100), at: p.hourStart };
      await this.plan(meta.id, 'usage-alert', p.tenantId, { alerts: [alert] }, tx);
    },
    TenantPerformanceDegraded: async ({ meta, payload: p }, tx) => {
      await this.plan(meta.id, 'performance-degraded', null, { tenantId: p.tenantId, windowStart: p.windowStart, p95Ms: p.p95Ms, errorRate: p.errorRate, requests: p.requests }, tx);
    },
    ChurnRiskDetected: async ({ meta, payload: p }, tx) => {
      await this.plan(meta.id, 'churn-risk', null, { tenantId: p.tenantId, risk: p.risk, reasons: p.reasons }, tx);
    },
    // Lifecycle journeys (health scoring): a retention check-in with the tenant's admin, and the win-back mail after an offboarding.
    RetentionCheckInDue: async ({ meta, payload: p }, tx) => {
      await this.plan(meta.id, 'retention-check-in', p.tenantId, { success: p.kind === 'success', checkInId: p.checkInId, reasons: p.reasons ?? [], details: p.details ?? [] }, tx);
    },
    WinBackDue: async ({ meta, payload: p }, tx) => {
      await this.plan(meta.id, 'win-back', p.tenantId, { delayDays: p.delayDays, removedAt: p.removedAt }, tx);
    },
    TrialEnding: async ({ meta, payload: p }, tx) => {
      await this.plan(meta.id, 'trial-ending', p.tenantId, { planId: p.planId, trialEndsAt: p.trialEndsAt, daysLeft: p.daysLeft, willConvert: p.willConvert }, tx);
    },
    // From the webhook half of this service (its outbox): the endpoint's owner is told.
    WebhookEndpointDisabled: async ({ meta, payload: p }, tx) => {
      await this.plan(meta.id, 'webhook-endpoint-disabled', p.tenantId ?? null, { endpointId: p.endpointId, url: p.url, reason: p.reason, failingSince: p.failingSince, disabledAt: p.disabledAt }, tx);
    },
    InvoiceIssued: async ({ meta, payload: p }, tx) => {
      await this.plan(meta.id, 'invoice-issued', p.tenantId, { invoiceId: p.invoiceId, amount: formatAmount(p.amountMinor, p.currency), currency: p.currency, periodStart: p.periodStart, periodEnd: p.periodEnd, dueAt: p.dueAt }, tx);
    },
    InvoiceFailed: async ({ meta, payload: p }, tx) => {
      await this.plan(meta.id, 'payment-failed', p.tenantId, { invoiceId: p.invoiceId, amount: formatAmount(p.amountMinor, p.currency), currency: p.currency, reason: p.reason, attempt: p.attempt }, tx);
    },
    DunningEscalated: async ({ meta, payload: p }, tx) => {
      // The suspension and deactivation that follow the later steps are mailed from the registry's events.
      await this.plan(meta.id, 'dunning-warning', p.tenantId, { invoiceId: p.invoiceId, stage: p.step, daysOverdue: p.daysOverdue }, tx);
    },
  };

  constructor(
    private readonly project: ProjectTenantUseCase,
    private readonly planNotification: PlanNotificationUseCase,
    private readonly directory: TenantDirectory,
  ) {}

  private async plan(eventId: string, type: NotificationType, tenantId: string | null, data: Record<string, unknown>, tx: Transaction): Promise<void> {
    await this.planNotification.execute(new PlanNotificationCommand(eventId, type, tenantId, data), tx);
  }
}
