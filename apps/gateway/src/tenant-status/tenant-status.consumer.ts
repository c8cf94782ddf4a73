/**
 * Keeps the tenant_status and tenant_plans projections up to date from the registry's lifecycle
 * events (group gateway.lifecycle); TenantDeleted also revokes the tenant's API keys
 * (RecordTenantDeletionUseCase).
 */
import { TOPICS } from '@tenantry/contracts';
import { EventHandlers, InboundEvent } from '@tenantry/messaging';
import { Transaction } from '@tenantry/persistence';
import { ConsumesEvents, EventConsumerSpec } from '@tenantry/service';
import { TenantStatusRepository } from './tenant-status.repository';
import { RecordTenantDeletionCommand } from './usecases/record-tenant-deletion/record-tenant-deletion.command';
import { RecordTenantDeletionUseCase } from './usecases/record-tenant-deletion/record-tenant-deletion.use-case';
import { CONSUMER_GROUPS } from '../service';

type StatusChange = InboundEvent<
  'TenantActivated' | 'TenantTrialStarted' | 'TenantSuspended' | 'TenantReactivated' | 'TenantDeactivated' | 'TenantOffboardingStarted' | 'TenantProvisioningRetryRequested'
>;

@ConsumesEvents()
export class TenantStatusConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.lifecycle;
  readonly topics = [TOPICS.TENANT_LIFECYCLE.name];
  readonly handlers: EventHandlers;

  constructor(
    private readonly statuses: TenantStatusRepository,
    recordDeletion: RecordTenantDeletionUseCase,
  ) {
    const onChange = (event: StatusChange, tx: Transaction) => this.statuses.record(tx, { tenantId: event.payload.tenantId, status: event.payload.to, changedAt: new Date(event.payload.at) });
    this.handlers = {
      TenantCreated: async (event, tx) => {
        const { tenantId, plan, createdAt } = event.payload;
        await this.statuses.record(tx, { tenantId, status: 'provisioning', changedAt: new Date(createdAt) });
        await this.statuses.recordPlan(tx, { tenantId, planId: plan.id, changedAt: new Date(createdAt) });
      },
      TenantPlanChanged: (event, tx) => this.statuses.recordPlan(tx, { tenantId: event.payload.tenantId, planId: event.payload.toPlanId, changedAt: new Date(event.payload.at) }),
      TenantActivated: onChange,
      TenantTrialStarted: onChange,
      TenantSuspended: onChange,
      TenantReactivated: onChange,
      TenantDeactivated: onChange,
      TenantOffboardingStarted: onChange,
      TenantDeleted: (event, tx) => recordDeletion.execute(new RecordTenantDeletionCommand(event.payload.tenantId, new Date(event.payload.at)), tx),
      TenantProvisioningRetryRequested: onChange,
    };
  }
}
