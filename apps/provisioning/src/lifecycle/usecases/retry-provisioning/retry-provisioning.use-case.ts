/** Re-runs provisioning for a tenant whose saga failed: a new saga from the same input; steps are idempotent. */
import { Injectable } from '@nestjs/common';
import { NonRetryableError } from '@tenantry/messaging';
import { PROVISIONING_STEPS, TenantProvisioningRetryRequestedPayload } from '@tenantry/contracts';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { SagaRepository } from '../../../saga/saga.repository';

@Injectable()
export class RetryProvisioningUseCase {
  constructor(private readonly sagas: SagaRepository) {}

  async execute(payload: TenantProvisioningRetryRequestedPayload, tx: Transaction): Promise<string> {
    const scope = tenantScope(payload.tenantId);
    const previous = await this.sagas.latest(scope, 'provision', tx);
    if (!previous) throw new NonRetryableError(`no provisioning saga to retry for tenant ${payload.tenantId}`);
    // Already running or already done: a duplicate request, nothing to start.
    if (previous.status === 'running' || previous.status === 'succeeded') return previous.id;
    return this.sagas.create(tx, scope, 'provision', previous.input, PROVISIONING_STEPS);
  }
}
