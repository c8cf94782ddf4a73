/**
 * The journeys' inputs, each in consumer groups of their own (so they neither slow nor depend on the
 * scoring's): the lifecycle and provisioning topics (creation, branding, suspension, offboarding and
 * removal with their reasons), the usage stream (first usage, first active user), billing (a card
 * attached or a payment that went through, a debt written off) and health scoring's own topic
 * (churn risk, band changes).
 * Every handler runs in the inbox transaction: an event id is applied once per group.
 */
import { TOPICS } from '@tenantry/contracts';
import { BatchHandler, batchHandler, EventHandlers } from '@tenantry/messaging';
import { ConsumesEvents, EventConsumerSpec } from '@tenantry/service';
import { JOURNEY_CONSUMER_GROUPS } from './journeys.groups';
import { hasBranding } from './onboarding-checklist';
import { OpenChurnCheckInCommand } from './usecases/open-churn-check-in/open-churn-check-in.command';
import { OpenChurnCheckInUseCase } from './usecases/open-churn-check-in/open-churn-check-in.use-case';
import { TrackFirstUsageCommand } from './usecases/track-first-usage/track-first-usage.command';
import { TrackFirstUsageUseCase } from './usecases/track-first-usage/track-first-usage.use-case';
import { TrackJourneyCommand } from './usecases/track-journey/track-journey.command';
import { TrackJourneyUseCase } from './usecases/track-journey/track-journey.use-case';

@ConsumesEvents()
export class JourneyLifecycleConsumer implements EventConsumerSpec {
  readonly groupId = JOURNEY_CONSUMER_GROUPS.lifecycle;
  readonly topics = [TOPICS.TENANT_LIFECYCLE.name, TOPICS.TENANT_PROVISIONING.name] as const;
  readonly handlers: EventHandlers;

  constructor(track: TrackJourneyUseCase) {
    this.handlers = {
      TenantCreated: async ({ payload: p }, tx) => {
        const at = new Date(p.createdAt);
        await track.execute(new TrackJourneyCommand(p.tenantId, { kind: 'created', at, domainType: p.domain.type }, hasBranding(p.configuration) ? [{ item: 'branding-set', at }] : []), tx);
      },
      TenantConfigChanged: async ({ payload: p }, tx) => {
        if (hasBranding(p.configuration)) await track.execute(new TrackJourneyCommand(p.tenantId, null, [{ item: 'branding-set', at: new Date(p.at) }]), tx);
      },
      TenantSuspended: async ({ payload: p }, tx) => {
        await track.execute(new TrackJourneyCommand(p.tenantId, { kind: 'suspended', reason: p.reason ?? null, at: new Date(p.at) }), tx);
      },
      TenantReactivated: async ({ payload: p }, tx) => {
        await track.execute(new TrackJourneyCommand(p.tenantId, { kind: 'reactivated', at: new Date(p.at) }), tx);
      },
      TenantOffboardingStarted: async ({ payload: p }, tx) => {
        await track.execute(new TrackJourneyCommand(p.tenantId, { kind: 'offboarding', reason: p.reason ?? null, at: new Date(p.at) }), tx);
      },
      TenantDeleted: async ({ payload: p }, tx) => {
        await track.execute(new TrackJourneyCommand(p.tenantId, { kind: 'removed', reason: p.reason ?? null, at: new Date(p.at) }), tx);
      },
      DomainVerified: async ({ payload: p }, tx) => {
        await track.execute(new TrackJourneyCommand(p.tenantId, null, [{ item: 'domain-verified', at: new Date(p.verifiedAt) }]), tx);
      },
      TenantOffboarded: async ({ payload: p }, tx) => {
        await track.execute(new TrackJourneyCommand(p.tenantId, { kind: 'removed', reason: null, at: new Date(p.at) }), tx);
      },
    };
  }
}

@ConsumesEvents()
export class JourneyUsageConsumer implements EventConsumerSpec {
  readonly groupId = JOURNEY_CONSUMER_GROUPS.usage;
  readonly topics = [TOPICS.METERING_USAGE.name] as const;
  readonly partitionsConsumedConcurrently = 2;
  readonly batch: BatchHandler;

  constructor(track: TrackFirstUsageUseCase) {
    this.batch = batchHandler(['UsageRecorded'], async (events, tx) => {
      await track.execute(new TrackFirstUsageCommand(events.map((event) => event.payload)), tx);
    });
  }
}

@ConsumesEvents()
export class JourneyBillingConsumer implements EventConsumerSpec {
  readonly groupId = JOURNEY_CONSUMER_GROUPS.billing;
  readonly topics = [TOPICS.BILLING.name] as const;
  readonly handlers: EventHandlers;

  constructor(track: TrackJourneyUseCase) {
    this.handlers = {
      PaymentMethodAttached: async ({ payload: p }, tx) => {
        await track.execute(new TrackJourneyCommand(p.tenantId, null, [{ item: 'payment-method-attached', at: new Date(p.attachedAt) }]), tx);
      },
      // Fallback for cards attached before billing announced them: a payment that went through proves one (the earliest time wins).
      InvoicePaid: async ({ payload: p }, tx) => {
        if (p.amountMinor > 0) await track.execute(new TrackJourneyCommand(p.tenantId, null, [{ item: 'payment-method-attached', at: new Date(p.paidAt) }]), tx);
      },
      DunningEscalated: async ({ payload: p }, tx) => {
        if (p.step === 'written_off') await track.execute(new TrackJourneyCommand(p.tenantId, { kind: 'written-off', at: new Date(p.at) }), tx);
      },
    };
  }
}

@ConsumesEvents()
export class JourneyHealthConsumer implements EventConsumerSpec {
  readonly groupId = JOURNEY_CONSUMER_GROUPS.health;
  readonly topics = [TOPICS.HEALTH.name] as const;
  readonly handlers: EventHandlers;

  constructor(track: TrackJourneyUseCase, openCheckIn: OpenChurnCheckInUseCase) {
    this.handlers = {
      ChurnRiskDetected: async ({ meta, payload: p }, tx) => {
        await openCheckIn.execute(new OpenChurnCheckInCommand(meta.id, p.tenantId, p.reasons, p.details ?? [], new Date(p.at)), tx);
      },
      TenantHealthChanged: async ({ payload: p }, tx) => {
        if (p.band) await track.execute(new TrackJourneyCommand(p.tenantId, { kind: 'band', band: p.band, at: new Date(p.at) }), tx);
      },
    };
  }
}
