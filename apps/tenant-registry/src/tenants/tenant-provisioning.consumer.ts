/** Reacts to provisioning's outcomes (topic tenantry.tenant.provisioning.v1) by moving tenants through their lifecycle. */
import { Inject } from '@nestjs/common';
import { TOPICS } from '@tenantry/contracts';
import { EventHandlers, InboundEvent } from '@tenantry/messaging';
import { Transaction } from '@tenantry/persistence';
import { ConsumesEvents, EventConsumerSpec, LOGGER } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { ProvisioningOutcome, RecordProvisioningOutcomeCommand } from './usecases/record-provisioning-outcome/record-provisioning-outcome.command';
import { RecordProvisioningOutcomeUseCase } from './usecases/record-provisioning-outcome/record-provisioning-outcome.use-case';
import { CONSUMER_GROUPS } from '../service';

/** The actor recorded in history for transitions provisioning caused. */
export const PROVISIONING_ACTOR = 'provisioning';

@ConsumesEvents()
export class TenantProvisioningConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.provisioning;
  readonly topics = [TOPICS.TENANT_PROVISIONING.name] as const;
  readonly handlers: EventHandlers = {
    TenantProvisioned: (event, tx) => this.record(event, 'provisioned', tx),
    TenantProvisioningFailed: (event, tx) => this.record(event, 'failed', tx, `${event.payload.step}: ${event.payload.reason}`.slice(0, 500)),
    TenantOffboarded: (event, tx) => this.record(event, 'offboarded', tx),
  };

  constructor(
    private readonly recordOutcome: RecordProvisioningOutcomeUseCase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Database errors propagate, so the consumer retries and then dead-letters; only outcomes the state machine refuses are skipped. */
  private async record(event: InboundEvent<'TenantProvisioned' | 'TenantProvisioningFailed' | 'TenantOffboarded'>, outcome: ProvisioningOutcome, tx: Transaction, reason?: string): Promise<void> {
    const by = { actor: PROVISIONING_ACTOR, requestId: event.meta.correlationId ?? event.meta.id };
    const result = await this.recordOutcome.execute(new RecordProvisioningOutcomeCommand(event.payload.tenantId, outcome, by, reason), tx);
    if (!result.applied) {
      this.logger.warn({ eventId: event.meta.id, type: event.type, tenantId: event.payload.tenantId, ...result }, 'provisioning outcome ignored');
    }
  }
}
