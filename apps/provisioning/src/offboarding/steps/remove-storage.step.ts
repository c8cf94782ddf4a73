/** Step `remove-storage`: deletes the tenant's storage root (its files are in the export archive). */
import { Injectable } from '@nestjs/common';
import { TenantStorage } from '../../infrastructure/tenant-storage';
import { SagaStep, StepContext, StepOutcome } from '../../saga/saga.model';

@Injectable()
export class RemoveStorageStep implements SagaStep {
  readonly name = 'remove-storage';

  constructor(private readonly storage: TenantStorage) {}

  async execute(context: StepContext): Promise<StepOutcome> {
    await this.storage.remove(context.tenantId);
    return { status: 'succeeded', detail: { removed: true } };
  }
}
