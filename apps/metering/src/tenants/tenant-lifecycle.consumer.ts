/** Keeps metering's tenant projections (topic tenantry.tenant.lifecycle.v1): statuses, so ingestion knows whom to accept, and limits. */
import { TOPICS } from '@tenantry/contracts';
import { EventHandlers, InboundEvent } from '@tenantry/messaging';
import { Transaction } from '@tenantry/persistence';
import { ConsumesEvents, EventConsumerSpec } from '@tenantry/service';
import { ApplyTenantLimitsCommand } from '../limits/usecases/apply-tenant-limits/apply-tenant-limits.command';
import { ApplyTenantLimitsUseCase } from '../limits/usecases/apply-tenant-limits/apply-tenant-limits.use-case';
import { LifecycleEventName } from './tenant-status';
import { RecordTenantStatusCommand } from './usecases/record-tenant-status/record-tenant-status.command';
import { RecordTenantStatusUseCase } from './usecases/record-tenant-status/record-tenant-status.use-case';
import { CONSUMER_GROUPS } from '../service';

@ConsumesEvents()
export class TenantLifecycleConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.tenants;
  readonly topics = [TOPICS.TENANT_LIFECYCLE.name] as const;
  readonly handlers: EventHandlers = {
    TenantCreated: (event, tx) => this.record(event, tx),
    TenantActivated: (event, tx) => this.record(event, tx),
    TenantTrialStarted: (event, tx) => this.record(event, tx),
    TenantReactivated: (event, tx) => this.record(event, tx),
    TenantSuspended: (event, tx) => this.record(event, tx),
    TenantDeactivated: (event, tx) => this.record(event, tx),
    TenantOffboardingStarted: (event, tx) => this.record(event, tx),
    TenantDeleted: (event, tx) => this.record(event, tx),
    TenantLimitsChanged: async (event, tx) => {
      const { tenantId, limits, version, at } = event.payload;
      await this.applyLimits.execute(new ApplyTenantLimitsCommand(tenantId, limits, version, new Date(at)), tx);
    },
  };

  constructor(
    private readonly recordStatus: RecordTenantStatusUseCase,
    private readonly applyLimits: ApplyTenantLimitsUseCase,
  ) {}

  private record(event: InboundEvent<LifecycleEventName>, tx: Transaction): Promise<void> {
    return this.recordStatus.execute(new RecordTenantStatusCommand(event.payload.tenantId, event.type, new Date(event.meta.time)), tx);
  }
}
