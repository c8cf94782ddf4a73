/**
 * Health scoring's inputs, one consumer group per topic: the tenant lifecycle, metering's alerts
 * (limits, performance), billing, and the usage stream (batched). Each low-volume event is
 * projected once per event id and recomputes its tenant in the same transaction; a usage batch is
 * folded into per-tenant totals and marks its tenants dirty for the rescoring job (HealthRescoreScheduler).
 */
import { TOPICS } from '@tenantry/contracts';
import { BatchHandler, batchHandler, EventHandlers, InboundEvent } from '@tenantry/messaging';
import { Transaction } from '@tenantry/persistence';
import { Clock, ConsumesEvents, EventConsumerSpec } from '@tenantry/service';
import { signalOf } from '../projection/signal';
import { CONSUMER_GROUPS } from '../service';
import { RecordSignalCommand } from './usecases/record-signal/record-signal.command';
import { RecordSignalUseCase } from './usecases/record-signal/record-signal.use-case';
import { RecordUsageCommand } from './usecases/record-usage/record-usage.command';
import { RecordUsageUseCase } from './usecases/record-usage/record-usage.use-case';

type Handler = (event: InboundEvent, tx: Transaction) => Promise<void>;

function signalHandler(record: RecordSignalUseCase, clock: Clock): Handler {
  return (event, tx) => record.execute(new RecordSignalCommand(signalOf(event), clock.now()), tx);
}

function handlersFor(names: readonly string[], handler: Handler): EventHandlers {
  return Object.fromEntries(names.map((name) => [name, handler])) as EventHandlers;
}

export const LIFECYCLE_EVENTS = [
  'TenantCreated',
  'TenantUpdated',
  'TenantActivated',
  'TenantSuspended',
  'TenantReactivated',
  'TenantTrialStarted',
  'TenantDeactivated',
  'TenantPlanChanged',
  'TenantLimitsChanged',
  'TenantConfigChanged',
  'TenantOffboardingStarted',
  'TenantDeleted',
] as const;

export const ALERT_EVENTS = ['UsageThresholdReached', 'UsageLimitExceeded', 'TenantPerformanceDegraded'] as const;

/**
 * Billing's events. A dunning step counts until its invoice is paid or billing closes the episode
 * (DunningCleared). TrialEnded is not an input yet: its effect reaches the score through the
 * lifecycle status the registry sets and through SubscriptionChanged.
 */
export const BILLING_EVENTS = ['InvoiceIssued', 'InvoicePaid', 'InvoiceFailed', 'DunningEscalated', 'DunningCleared', 'SubscriptionChanged'] as const;

@ConsumesEvents()
export class LifecycleConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.lifecycle;
  readonly topics = [TOPICS.TENANT_LIFECYCLE.name] as const;
  readonly handlers: EventHandlers;

  constructor(record: RecordSignalUseCase, clock: Clock) {
    this.handlers = handlersFor(LIFECYCLE_EVENTS, signalHandler(record, clock));
  }
}

@ConsumesEvents()
export class AlertsConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.alerts;
  readonly topics = [TOPICS.METERING_ALERTS.name] as const;
  readonly handlers: EventHandlers;

  constructor(record: RecordSignalUseCase, clock: Clock) {
    this.handlers = handlersFor(ALERT_EVENTS, signalHandler(record, clock));
  }
}

@ConsumesEvents()
export class BillingConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.billing;
  readonly topics = [TOPICS.BILLING.name] as const;
  readonly handlers: EventHandlers;

  constructor(record: RecordSignalUseCase, clock: Clock) {
    this.handlers = handlersFor(BILLING_EVENTS, signalHandler(record, clock));
  }
}

@ConsumesEvents()
export class UsageConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.usage;
  readonly topics = [TOPICS.METERING_USAGE.name] as const;
  readonly partitionsConsumedConcurrently = 2;
  readonly batch: BatchHandler;

  constructor(record: RecordUsageUseCase) {
    this.batch = batchHandler(['UsageRecorded'], async (events, tx) => {
      await record.execute(new RecordUsageCommand(events.map((event) => event.payload)), tx);
    });
  }
}
