/** Reacts to billing's decisions (topic tenantry.billing.v1): dunning steps, dunning cleared, trials ended. */
import { Inject } from '@nestjs/common';
import { TOPICS } from '@tenantry/contracts';
import { EventHandlers, InboundEvent } from '@tenantry/messaging';
import { Transaction } from '@tenantry/persistence';
import { ConsumesEvents, EventConsumerSpec, LOGGER } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { CONSUMER_GROUPS } from '../service';
import { ApplyBillingOutcomeCommand, BillingOutcome } from './usecases/apply-billing-outcome/apply-billing-outcome.command';
import { ApplyBillingOutcomeUseCase } from './usecases/apply-billing-outcome/apply-billing-outcome.use-case';

/** The actor recorded in history for transitions billing caused. */
export const BILLING_ACTOR = 'billing';

@ConsumesEvents()
export class TenantBillingConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.billing;
  readonly topics = [TOPICS.BILLING.name] as const;
  readonly handlers: EventHandlers = {
    DunningEscalated: (event, tx) => this.apply(event, { kind: 'dunning-step', step: event.payload.step }, tx),
    DunningCleared: (event, tx) => this.apply(event, { kind: 'dunning-cleared' }, tx),
    TrialEnded: (event, tx) => this.apply(event, { kind: 'trial-ended', outcome: event.payload.outcome }, tx),
  };

  constructor(
    private readonly applyOutcome: ApplyBillingOutcomeUseCase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private async apply(event: InboundEvent<'DunningEscalated' | 'DunningCleared' | 'TrialEnded'>, outcome: BillingOutcome, tx: Transaction): Promise<void> {
    const by = { actor: BILLING_ACTOR, requestId: event.meta.correlationId ?? event.meta.id };
    const result = await this.applyOutcome.execute(new ApplyBillingOutcomeCommand(event.payload.tenantId, outcome, by), tx);
    if (!result.applied) this.logger.info({ eventId: event.meta.id, type: event.type, tenantId: event.payload.tenantId, ...result }, 'billing outcome not applicable');
  }
}
