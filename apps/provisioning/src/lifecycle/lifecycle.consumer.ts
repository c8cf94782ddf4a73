/**
 * Consumes the registry's lifecycle events that start sagas. The handlers only record the saga,
 * in the transaction of the inbox row; the saga runner does the work after the commit.
 */
import { TOPICS } from '@tenantry/contracts';
import { EventHandlers } from '@tenantry/messaging';
import { ConsumesEvents, EventConsumerSpec } from '@tenantry/service';
import { ProvisioningConfig } from '../provisioning.config';
import { CONSUMER_GROUPS } from '../service';
import { RetryProvisioningUseCase } from './usecases/retry-provisioning/retry-provisioning.use-case';
import { StartOffboardingUseCase } from './usecases/start-offboarding/start-offboarding.use-case';
import { StartProvisioningUseCase } from './usecases/start-provisioning/start-provisioning.use-case';

@ConsumesEvents()
export class LifecycleConsumer implements EventConsumerSpec {
  readonly groupId: string;
  readonly topics = [TOPICS.TENANT_LIFECYCLE.name];
  readonly handlers: EventHandlers;

  constructor(config: ProvisioningConfig, startProvisioning: StartProvisioningUseCase, retryProvisioning: RetryProvisioningUseCase, startOffboarding: StartOffboardingUseCase) {
    this.groupId = config.LIFECYCLE_CONSUMER_GROUP ?? CONSUMER_GROUPS.lifecycle;
    this.handlers = {
      TenantCreated: async (event, tx) => {
        await startProvisioning.execute(event.payload, tx);
      },
      TenantProvisioningRetryRequested: async (event, tx) => {
        await retryProvisioning.execute(event.payload, tx);
      },
      TenantOffboardingStarted: async (event, tx) => {
        await startOffboarding.execute(event.payload, tx);
      },
    };
  }
}
