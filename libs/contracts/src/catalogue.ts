/**
 * The event catalogue: every event Tenantry publishes, declared once with its wire name,
 * schema version, topic, payload class and Kafka key. Everything else (publishing, consuming,
 * topic creation, the AsyncAPI document) is derived from this table.
 */
import * as billing from './events/billing.event';
import * as health from './events/health.event';
import * as journeys from './events/journeys.event';
import * as notifications from './events/notifications.event';
import * as operations from './events/operations.event';
import * as provisioning from './events/provisioning.event';
import * as lifecycle from './events/tenant-lifecycle.event';
import * as usage from './events/usage.event';
import * as webhooks from './events/webhooks.event';
import { TOPICS, TopicName } from './topics';

export interface EventDefinition<P extends object> {
  /** Wire name, carried in the `ce_type` header. Never derived from a class name. */
  readonly type: string;
  /** Schema version, carried in `ce_schemaversion`. Bumped only with a new topic version for breaking changes. */
  readonly version: number;
  readonly topic: TopicName;
  readonly payload: new () => P;
  /** The Kafka key: the tenant id for tenant-scoped events, so one tenant's events stay in order. */
  readonly key: (payload: P) => string;
  /** The tenant the event concerns, for the `ce_tenantid` header. */
  readonly tenantId: (payload: P) => string | undefined;
  readonly producer: string;
  readonly summary: string;
}

type TenantScoped = { tenantId: string };

function defineEvent<P extends object>(definition: EventDefinition<P>): EventDefinition<P> {
  return definition;
}

function tenantEvent<P extends TenantScoped>(
  type: string,
  topic: TopicName,
  payload: new () => P,
  producer: string,
  summary: string,
): EventDefinition<P> {
  return { type, version: 1, topic, payload, producer, summary, key: (p) => p.tenantId, tenantId: (p) => p.tenantId };
}

const LIFECYCLE = TOPICS.TENANT_LIFECYCLE.name;
const PROVISIONING = TOPICS.TENANT_PROVISIONING.name;

export const EVENT_CATALOGUE = {
  TenantCreated: tenantEvent('TenantCreated', LIFECYCLE, lifecycle.TenantCreatedPayload, 'tenant-registry', 'A tenant was accepted and is about to be provisioned.'),
  TenantUpdated: tenantEvent('TenantUpdated', LIFECYCLE, lifecycle.TenantUpdatedPayload, 'tenant-registry', 'Descriptive fields of a tenant changed.'),
  TenantActivated: tenantEvent('TenantActivated', LIFECYCLE, lifecycle.TenantActivatedPayload, 'tenant-registry', 'A tenant became active (after provisioning or at the end of a trial).'),
  TenantSuspended: tenantEvent('TenantSuspended', LIFECYCLE, lifecycle.TenantSuspendedPayload, 'tenant-registry', 'A tenant was suspended; tenant-scoped calls are refused.'),
  TenantReactivated: tenantEvent('TenantReactivated', LIFECYCLE, lifecycle.TenantReactivatedPayload, 'tenant-registry', 'A suspended tenant was reactivated.'),
  TenantTrialStarted: tenantEvent('TenantTrialStarted', LIFECYCLE, lifecycle.TenantTrialStartedPayload, 'tenant-registry', 'A provisioned tenant started its trial.'),
  TenantDeactivated: tenantEvent('TenantDeactivated', LIFECYCLE, lifecycle.TenantDeactivatedPayload, 'tenant-registry', 'A tenant became inactive (trial expired, or suspended too long).'),
  TenantProvisioningRetryRequested: tenantEvent('TenantProvisioningRetryRequested', LIFECYCLE, lifecycle.TenantProvisioningRetryRequestedPayload, 'tenant-registry', 'An operator asked to retry a failed provisioning.'),
  TenantPlanChanged: tenantEvent('TenantPlanChanged', LIFECYCLE, lifecycle.TenantPlanChangedPayload, 'tenant-registry', "A tenant's plan changed."),
  TenantLimitsChanged: tenantEvent('TenantLimitsChanged', LIFECYCLE, lifecycle.TenantLimitsChangedPayload, 'tenant-registry', "A tenant's resource limits changed."),
  TenantConfigChanged: tenantEvent('TenantConfigChanged', LIFECYCLE, lifecycle.TenantConfigChangedPayload, 'tenant-registry', "A new version of a tenant's configuration, with the paths it changed."),
  TenantOffboardingStarted: tenantEvent('TenantOffboardingStarted', LIFECYCLE, lifecycle.TenantOffboardingStartedPayload, 'tenant-registry', 'A tenant is being offboarded: export, then removal.'),
  TenantDeleted: tenantEvent('TenantDeleted', LIFECYCLE, lifecycle.TenantDeletedPayload, 'tenant-registry', "A tenant's data is gone; only the export archive remains while retained."),
  TenantProvisioned: tenantEvent('TenantProvisioned', PROVISIONING, provisioning.TenantProvisionedPayload, 'provisioning', "Every provisioning step succeeded."),
  TenantProvisioningFailed: tenantEvent('TenantProvisioningFailed', PROVISIONING, provisioning.TenantProvisioningFailedPayload, 'provisioning', 'Provisioning failed and was compensated.'),
  TenantAdminCreated: tenantEvent('TenantAdminCreated', PROVISIONING, provisioning.TenantAdminCreatedPayload, 'provisioning', "The tenant's first administrator was created with an invitation."),
  TenantUserInvited: tenantEvent('TenantUserInvited', PROVISIONING, provisioning.TenantUserInvitedPayload, 'provisioning', "A user was invited into a tenant's own database; notifications mails the invitation link."),
  TenantDataImported: tenantEvent('TenantDataImported', PROVISIONING, provisioning.TenantDataImportedPayload, 'provisioning', "An import job committed all the rows of its file into the tenant's own database (counts only, no personal data). Also published when a cancel arrived while those rows were committing (the job ends `cancelled` with the rows kept); a job cancelled before that has written nothing and publishes nothing, as a failed one."),
  DomainVerified: tenantEvent('DomainVerified', PROVISIONING, provisioning.DomainVerifiedPayload, 'provisioning', "A tenant's custom domain was verified (its DNS TXT record holds the token) and now routes to the tenant; published once per domain."),
  TenantOffboarded: tenantEvent('TenantOffboarded', PROVISIONING, provisioning.TenantOffboardedPayload, 'provisioning', "The tenant's data was exported and removed."),
  ApiUsageSampled: tenantEvent('ApiUsageSampled', TOPICS.GATEWAY_API_USAGE.name, usage.ApiUsageSampledPayload, 'gateway', 'API calls and bytes of one tenant over a short window.'),
  UsageRecorded: tenantEvent('UsageRecorded', TOPICS.METERING_USAGE.name, usage.UsageRecordedPayload, 'metering', 'One accepted usage event.'),
  UsageThresholdReached: tenantEvent('UsageThresholdReached', TOPICS.METERING_ALERTS.name, usage.UsageThresholdReachedPayload, 'metering', 'Usage reached a percentage of a limit in a period.'),
  UsageLimitExceeded: tenantEvent('UsageLimitExceeded', TOPICS.METERING_ALERTS.name, usage.UsageLimitExceededPayload, 'metering', 'Usage went over a limit in a period.'),
  UnusualUsageDetected: tenantEvent('UnusualUsageDetected', TOPICS.METERING_ALERTS.name, usage.UnusualUsageDetectedPayload, 'metering', "A tenant's hourly usage departed from its own baseline."),
  TenantPerformanceDegraded: tenantEvent('TenantPerformanceDegraded', TOPICS.METERING_ALERTS.name, usage.TenantPerformanceDegradedPayload, 'gateway', "A tenant's p95 latency or error rate crossed a threshold."),
  InvoiceIssued: tenantEvent('InvoiceIssued', TOPICS.BILLING.name, billing.InvoiceIssuedPayload, 'billing', 'An invoice was issued.'),
  InvoicePaid: tenantEvent('InvoicePaid', TOPICS.BILLING.name, billing.InvoicePaidPayload, 'billing', 'An invoice was paid.'),
  InvoiceFailed: tenantEvent('InvoiceFailed', TOPICS.BILLING.name, billing.InvoiceFailedPayload, 'billing', 'A payment attempt for an invoice failed.'),
  InvoiceVoided: tenantEvent('InvoiceVoided', TOPICS.BILLING.name, billing.InvoiceVoidedPayload, 'billing', 'A finalized, unpaid invoice was voided: it keeps its number and is no longer collected.'),
  CreditNoteIssued: tenantEvent('CreditNoteIssued', TOPICS.BILLING.name, billing.CreditNoteIssuedPayload, 'billing', "A credit note was issued against a finalized invoice (amountMinor is the credit note's amount)."),
  DunningEscalated: tenantEvent('DunningEscalated', TOPICS.BILLING.name, billing.DunningEscalatedPayload, 'billing', "A tenant's unpaid invoices reached a step of the dunning ladder (warning, suspended, inactive, written_off)."),
  DunningCleared: tenantEvent('DunningCleared', TOPICS.BILLING.name, billing.DunningClearedPayload, 'billing', "Every overdue invoice of a tenant in dunning was paid: the episode is closed."),
  TrialEnding: tenantEvent('TrialEnding', TOPICS.BILLING.name, billing.TrialEndingPayload, 'billing', "A tenant's trial ends within the notice period (3 days by default): published once per subscription and trial end; `willConvert` says whether it will convert or expire."),
  TrialEnded: tenantEvent('TrialEnded', TOPICS.BILLING.name, billing.TrialEndedPayload, 'billing', "A tenant's trial ended: converted (payment method on file, or a free plan) or expired."),
  PaymentMethodAttached: tenantEvent('PaymentMethodAttached', TOPICS.BILLING.name, billing.PaymentMethodAttachedPayload, 'billing', "A card was attached to a tenant (tokenized at the provider): brand, last 4 digits, expiry and whether it became the default — never the card number or the provider's token."),
  PaymentMethodRemoved: tenantEvent('PaymentMethodRemoved', TOPICS.BILLING.name, billing.PaymentMethodRemovedPayload, 'billing', 'A payment method was detached from a tenant; if it was the default, the one that took over (none when none remains).'),
  DefaultPaymentMethodChanged: tenantEvent('DefaultPaymentMethodChanged', TOPICS.BILLING.name, billing.DefaultPaymentMethodChangedPayload, 'billing', "The payment method billing charges for a tenant changed: a card attached as the default, another card made the default, or the default detached."),
  SubscriptionChanged: tenantEvent('SubscriptionChanged', TOPICS.BILLING.name, billing.SubscriptionChangedPayload, 'billing', "A tenant's subscription changed."),
  TenantHealthChanged: tenantEvent('TenantHealthChanged', TOPICS.HEALTH.name, health.TenantHealthChangedPayload, 'health-scoring', "A tenant's health score changed."),
  ChurnRiskDetected: tenantEvent('ChurnRiskDetected', TOPICS.HEALTH.name, health.ChurnRiskDetectedPayload, 'health-scoring', 'A tenant shows signs of churning.'),
  TenantOnboardingProgressed: tenantEvent('TenantOnboardingProgressed', TOPICS.HEALTH.name, journeys.TenantOnboardingProgressedPayload, 'health-scoring', "An item of a tenant's setup checklist was completed (with the progress and, once known, the time to first value)."),
  RetentionCheckInDue: tenantEvent('RetentionCheckInDue', TOPICS.HEALTH.name, journeys.RetentionCheckInDuePayload, 'health-scoring', 'A retention check-in with a tenant is due: it entered churn risk, or a routine success check-in for a green tenant. An operator task was created; notifications mails the tenant admin.'),
  WinBackDue: tenantEvent('WinBackDue', TOPICS.HEALTH.name, journeys.WinBackDuePayload, 'health-scoring', 'The win-back delay after an offboarding passed (never for tenants removed for abuse or a non-payment write-off); notifications mails the former admin.'),
  NotificationDelivered: defineEvent({
    type: 'NotificationDelivered', version: 1, topic: TOPICS.NOTIFICATIONS.name, payload: notifications.NotificationDeliveredPayload, producer: 'notifications',
    summary: 'A notification reached its channel.', key: (p) => p.tenantId ?? p.notificationId, tenantId: (p) => p.tenantId,
  }),
  NotificationFailed: defineEvent({
    type: 'NotificationFailed', version: 1, topic: TOPICS.NOTIFICATIONS.name, payload: notifications.NotificationFailedPayload, producer: 'notifications',
    summary: 'A notification could not be delivered after its retries.', key: (p) => p.tenantId ?? p.notificationId, tenantId: (p) => p.tenantId,
  }),
  WebhookEndpointDisabled: defineEvent({
    type: 'WebhookEndpointDisabled', version: 1, topic: TOPICS.NOTIFICATIONS.name, payload: webhooks.WebhookEndpointDisabledPayload, producer: 'notifications',
    summary: 'A webhook endpoint was disabled after its deliveries failed for the configured period (5 days by default); its owner is to be told.', key: (p) => p.tenantId ?? p.endpointId, tenantId: (p) => p.tenantId,
  }),
  MaintenanceScheduled: defineEvent({
    type: 'MaintenanceScheduled', version: 1, topic: TOPICS.GATEWAY_OPERATIONS.name, payload: operations.MaintenanceScheduledPayload, producer: 'tenant-registry',
    summary: 'A maintenance window was scheduled (or declared as an emergency) for the whole platform, one plan or one tenant; notifications may send grace notices.', key: (p) => p.maintenanceId, tenantId: () => undefined,
  }),
  ImpersonationStarted: tenantEvent('ImpersonationStarted', TOPICS.GATEWAY_OPERATIONS.name, operations.ImpersonationStartedPayload, 'gateway', "A support or platform-admin principal started time-limited access as the tenant's administrator; the tenant's admins are told."),
  MaintenanceStarted: defineEvent({
    type: 'MaintenanceStarted', version: 1, topic: TOPICS.GATEWAY_OPERATIONS.name, payload: operations.MaintenanceStartedPayload, producer: 'tenant-registry',
    summary: "A maintenance window began: the gateway answers the affected tenants' traffic with 503 and Retry-After until it ends.", key: (p) => p.maintenanceId, tenantId: () => undefined,
  }),
  MaintenanceEnded: defineEvent({
    type: 'MaintenanceEnded', version: 1, topic: TOPICS.GATEWAY_OPERATIONS.name, payload: operations.MaintenanceEndedPayload, producer: 'tenant-registry',
    summary: 'A maintenance window ended (elapsed, ended early, or cancelled before it began).', key: (p) => p.maintenanceId, tenantId: () => undefined,
  }),
  TenantAdminsNotificationRequested: tenantEvent('TenantAdminsNotificationRequested', TOPICS.GATEWAY_OPERATIONS.name, operations.TenantAdminsNotificationRequestedPayload, 'tenant-registry', "A bulk job asked for a message to a tenant's admins."),
} as const;

export type EventCatalogue = typeof EVENT_CATALOGUE;
export type EventName = keyof EventCatalogue;
export type EventPayload<N extends EventName> = InstanceType<EventCatalogue[N]['payload']>;

export const EVENT_NAMES = Object.keys(EVENT_CATALOGUE) as EventName[];

export function isEventName(value: string): value is EventName {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOGUE, value);
}

/** The definition of one event, typed by its name. */
export function eventDefinition<N extends EventName>(name: N): EventDefinition<EventPayload<N>> {
  return EVENT_CATALOGUE[name] as unknown as EventDefinition<EventPayload<N>>;
}
