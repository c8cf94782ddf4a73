/** Records a provisioning saga for a new tenant; the saga runner executes it after the commit. */
import { Injectable } from '@nestjs/common';
import { PROVISIONING_STEPS, TenantCreatedPayload } from '@tenantry/contracts';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { SagaRepository } from '../../../saga/saga.repository';

@Injectable()
export class StartProvisioningUseCase {
  constructor(private readonly sagas: SagaRepository) {}

  async execute(payload: TenantCreatedPayload, tx: Transaction): Promise<string> {
    const scope = tenantScope(payload.tenantId);
    // A tenant id is provisioned once; a second TenantCreated for it (a replay) changes nothing.
    const existing = await this.sagas.latest(scope, 'provision', tx);
    if (existing) return existing.id;
    return this.sagas.create(tx, scope, 'provision', { ...payload }, PROVISIONING_STEPS);
  }
}
