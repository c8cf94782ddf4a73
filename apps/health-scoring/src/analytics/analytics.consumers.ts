/**
 * Analytics' inputs, in consumer groups of their own (so the health projection's groups are
 * untouched): the tenant lifecycle (plan, creation, activation, churn, features), billing's
 * invoices, the gateway's degraded performance windows, and the usage stream (batched).
 */
import { TOPICS } from '@tenantry/contracts';
import { BatchHandler, batchHandler, EventHandlers, InboundEvent } from '@tenantry/messaging';
import { Transaction } from '@tenantry/persistence';
import { ConsumesEvents, EventConsumerSpec } from '@tenantry/service';
import { signalOf } from '../projection/signal';
import { ANALYTICS_CONSUMER_GROUPS } from '../service';
import { ProjectAnalyticsEventCommand } from './usecases/project-analytics-event/project-analytics-event.command';
import { ProjectAnalyticsEventUseCase } from './usecases/project-analytics-event/project-analytics-event.use-case';
import { ProjectAnalyticsUsageCommand } from './usecases/project-analytics-usage/project-analytics-usage.command';
import { ProjectAnalyticsUsageUseCase } from './usecases/project-analytics-usage/project-analytics-usage.use-case';

export const ANALYTICS_LIFECYCLE_EVENTS = [
  'TenantCreated',
  'TenantActivated',
  'TenantDeactivated',
  'TenantOffboardingStarted',
  'TenantDeleted',
  'TenantPlanChanged',
  'TenantConfigChanged',
] as const;
export const ANALYTICS_BILLING_EVENTS = ['InvoiceIssued', 'InvoiceVoided'] as const;
export const ANALYTICS_ALERT_EVENTS = ['TenantPerformanceDegraded'] as const;

function handlers(names: readonly string[], project: ProjectAnalyticsEventUseCase): EventHandlers {
  const handler = (event: InboundEvent, tx: Transaction) => project.execute(new ProjectAnalyticsEventCommand(signalOf(event)), tx);
  return Object.fromEntries(names.map((name) => [name, handler])) as EventHandlers;
}

@ConsumesEvents()
export class AnalyticsLifecycleConsumer implements EventConsumerSpec {
  readonly groupId = ANALYTICS_CONSUMER_GROUPS.lifecycle;
  readonly topics = [TOPICS.TENANT_LIFECYCLE.name] as const;
  readonly handlers: EventHandlers;

  constructor(project: ProjectAnalyticsEventUseCase) {
    this.handlers = handlers(ANALYTICS_LIFECYCLE_EVENTS, project);
  }
}

@ConsumesEvents()
export class AnalyticsBillingConsumer implements EventConsumerSpec {
  readonly groupId = ANALYTICS_CONSUMER_GROUPS.billing;
  readonly topics = [TOPICS.BILLING.name] as const;
  readonly handlers: EventHandlers;

  constructor(project: ProjectAnalyticsEventUseCase) {
    this.handlers = handlers(ANALYTICS_BILLING_EVENTS, project);
  }
}

@ConsumesEvents()
export class AnalyticsAlertsConsumer implements EventConsumerSpec {
  readonly groupId = ANALYTICS_CONSUMER_GROUPS.alerts;
  readonly topics = [TOPICS.METERING_ALERTS.name] as const;
  readonly handlers: EventHandlers;

  constructor(project: ProjectAnalyticsEventUseCase) {
    this.handlers = handlers(ANALYTICS_ALERT_EVENTS, project);
  }
}

@ConsumesEvents()
export class AnalyticsUsageConsumer implements EventConsumerSpec {
  readonly groupId = ANALYTICS_CONSUMER_GROUPS.usage;
  readonly topics = [TOPICS.METERING_USAGE.name] as const;
  readonly partitionsConsumedConcurrently = 2;
  readonly batch: BatchHandler;

  constructor(project: ProjectAnalyticsUsageUseCase) {
    this.batch = batchHandler(['UsageRecorded'], async (events, tx) => {
      await project.execute(new ProjectAnalyticsUsageCommand(events.map((event) => event.payload)), tx);
    });
  }
}
