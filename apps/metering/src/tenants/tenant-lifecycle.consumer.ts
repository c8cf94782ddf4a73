/** Keeps metering's tenant projection (topic tenantry.tenant.lifecycle.v1) so ingestion knows whom to accept. */
import { Injectable } from '@nestjs/common';
import { TOPICS } from '@tenantry/contracts';
import { EventHandlers, InboundEvent } from '@tenantry/messaging';
import { EventConsumerSpec } from '@tenantry/service';
import { EntityManager } from 'typeorm';
import { LifecycleEventName } from './tenant-status';
import { RecordTenantStatusCommand } from './usecases/record-tenant-status/record-tenant-status.command';
import { RecordTenantStatusUseCase } from './usecases/record-tenant-status/record-tenant-status.use-case';

export const TENANTS_CONSUMER_GROUP = 'metering.tenants';

@Injectable()
export class TenantLifecycleConsumer implements EventConsumerSpec {
  readonly groupId = TENANTS_CONSUMER_GROUP;
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
  };

  constructor(private readonly recordStatus: RecordTenantStatusUseCase) {}

  private record(event: InboundEvent<LifecycleEventName>, tx: EntityManager): Promise<void> {
    return this.recordStatus.execute(new RecordTenantStatusCommand(event.payload.tenantId, event.type, new Date(event.meta.time), tx));
  }
}
