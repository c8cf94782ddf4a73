/** Re-runs provisioning for a tenant whose saga failed: a new saga from the same input; steps are idempotent. */
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NonRetryableError } from '@tenantry/messaging';
import { PROVISIONING_STEPS, TenantProvisioningRetryRequestedPayload } from '@tenantry/contracts';
import { SagaRepository } from '../../../saga/saga.repository';

@Injectable()
export class RetryProvisioningUseCase {
  constructor(private readonly sagas: SagaRepository) {}

  async execute(tx: EntityManager, payload: TenantProvisioningRetryRequestedPayload): Promise<string> {
    const previous = await this.sagas.latest(payload.tenantId, 'provision', tx);
    if (!previous) throw new NonRetryableError(`no provisioning saga to retry for tenant ${payload.tenantId}`);
    // Already running or already done: a duplicate request, nothing to start.
    if (previous.status === 'running' || previous.status === 'succeeded') return previous.id;
    return this.sagas.create(tx, payload.tenantId, 'provision', previous.input, PROVISIONING_STEPS);
  }
}
