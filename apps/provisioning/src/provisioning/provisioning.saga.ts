/** The provisioning saga: domain, database, storage, configuration, admin user; then TenantProvisioned. */
import { Injectable } from '@nestjs/common';
import { PROVISIONING_STEPS } from '@tenantry/contracts';
import { OutboundEvent } from '@tenantry/messaging';
import { Clock } from '@tenantry/service';
import { TenantStorage } from '../infrastructure/tenant-storage';
import { withoutHostPaths } from '../saga/host-paths';
import { SagaDefinition, SagaFailure, SagaState, StepDetail, StepsNamed } from '../saga/saga.model';
import { AdminUserStep } from './steps/admin-user.step';
import { ConfigurationStep } from './steps/configuration.step';
import { DatabaseStep } from './steps/database.step';
import { DomainStep } from './steps/domain.step';
import { StorageStep } from './steps/storage.step';

@Injectable()
export class ProvisioningSaga implements SagaDefinition {
  readonly kind = 'provision';
  readonly steps: StepsNamed<typeof PROVISIONING_STEPS>;

  constructor(
    domain: DomainStep,
    database: DatabaseStep,
    storage: StorageStep,
    configuration: ConfigurationStep,
    adminUser: AdminUserStep,
    private readonly clock: Clock,
    private readonly tenantStorage: TenantStorage,
  ) {
    this.steps = [domain, database, storage, configuration, adminUser];
  }

  completed(saga: SagaState, details: Readonly<Record<string, StepDetail>>): OutboundEvent[] {
    return [
      {
        type: 'TenantProvisioned',
        payload: {
          tenantId: saga.tenantId,
          schemaName: String(details['database']?.['schema']),
          ...(typeof details['database']?.['database'] === 'string' ? { databaseName: details['database']['database'] } : {}),
          // For metering's collector (an internal event); the saga log does not show it.
          storageRoot: this.tenantStorage.rootOf(saga.tenantId),
          hostname: String(details['domain']?.['hostname']),
          at: this.clock.now().toISOString(),
        },
      },
    ];
  }

  failed(saga: SagaState, failure: SagaFailure): OutboundEvent[] {
    return [{ type: 'TenantProvisioningFailed', payload: { tenantId: saga.tenantId, step: failure.step, reason: withoutHostPaths(failure.reason), attempts: Math.max(1, failure.attempts), at: this.clock.now().toISOString() } }];
  }
}
