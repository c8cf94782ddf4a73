/** Subscriptions from the tenant lifecycle (topic tenantry.tenant.lifecycle.v1): one per new tenant, and its plan changes. */
import { TOPICS } from '@tenantry/contracts';
import { EventHandlers } from '@tenantry/messaging';
import { ConsumesEvents, EventConsumerSpec } from '@tenantry/service';
import { CONSUMER_GROUPS } from '../service';
import { ChangePlanCommand } from './usecases/change-plan/change-plan.command';
import { ChangePlanUseCase } from './usecases/change-plan/change-plan.use-case';
import { RecordLifecycleCommand } from './usecases/record-lifecycle/record-lifecycle.command';
import { RecordLifecycleUseCase } from './usecases/record-lifecycle/record-lifecycle.use-case';
import { StartSubscriptionCommand } from './usecases/start-subscription/start-subscription.command';
import { StartSubscriptionUseCase } from './usecases/start-subscription/start-subscription.use-case';

@ConsumesEvents()
export class TenantLifecycleConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.tenants;
  readonly topics = [TOPICS.TENANT_LIFECYCLE.name] as const;
  readonly handlers: EventHandlers = {
    TenantCreated: async (event, tx) => {
      const { tenantId, name, plan, configuration, createdAt } = event.payload;
      await this.start.execute(new StartSubscriptionCommand(tenantId, name, plan.id, plan.trial, plan.duration, configuration?.currency, new Date(createdAt)), tx);
    },
    TenantPlanChanged: async (event, tx) => {
      const { tenantId, toPlanId, at } = event.payload;
      await this.changePlan.execute(new ChangePlanCommand(tenantId, toPlanId, new Date(at)), tx);
    },
    // Churn and reactivation for revenue reporting (a suspension is neither).
    TenantDeactivated: async (event, tx) => {
      await this.lifecycle.execute(new RecordLifecycleCommand(event.payload.tenantId, 'canceled', new Date(event.payload.at)), tx);
    },
    TenantDeleted: async (event, tx) => {
      await this.lifecycle.execute(new RecordLifecycleCommand(event.payload.tenantId, 'canceled', new Date(event.payload.at)), tx);
    },
    TenantActivated: async (event, tx) => {
      await this.lifecycle.execute(new RecordLifecycleCommand(event.payload.tenantId, 'reactivated', new Date(event.payload.at)), tx);
    },
    TenantReactivated: async (event, tx) => {
      await this.lifecycle.execute(new RecordLifecycleCommand(event.payload.tenantId, 'reactivated', new Date(event.payload.at)), tx);
    },
  };

  constructor(
    private readonly start: StartSubscriptionUseCase,
    private readonly changePlan: ChangePlanUseCase,
    private readonly lifecycle: RecordLifecycleUseCase,
  ) {}
}
