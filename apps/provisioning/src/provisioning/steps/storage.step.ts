/** Step `storage`: the tenant's storage root with its quota (resources.storage, in GB) recorded in it. */
import { Injectable } from '@nestjs/common';
import { TenantStorage } from '../../infrastructure/tenant-storage';
import { SagaStep, StepContext, StepOutcome } from '../../saga/saga.model';
import { provisioningInput } from '../provisioning-input';

@Injectable()
export class StorageStep implements SagaStep {
  readonly name = 'storage';

  constructor(private readonly storage: TenantStorage) {}

  async execute(context: StepContext): Promise<StepOutcome> {
    const { resources } = provisioningInput(context);
    const { quota } = await this.storage.ensure(context.tenantId, resources.storage);
    // No host path in the detail: tenant admins read the log.
    return { status: 'succeeded', detail: { quotaGb: quota.quotaGb, quotaBytes: quota.quotaBytes } };
  }

  async compensate(context: StepContext): Promise<void> {
    await this.storage.remove(context.tenantId);
  }
}
