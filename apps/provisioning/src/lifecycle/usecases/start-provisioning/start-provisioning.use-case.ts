/** Records a provisioning saga for a new tenant; the saga runner executes it after the commit. */
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PROVISIONING_STEPS, TenantCreatedPayload } from '@tenantry/contracts';
import { SagaRepository } from '../../../saga/saga.repository';

@Injectable()
export class StartProvisioningUseCase {
  constructor(private readonly sagas: SagaRepository) {}

  async execute(tx: EntityManager, payload: TenantCreatedPayload): Promise<string> {
    // A tenant id is provisioned once; a second TenantCreated for it (a replay) changes nothing.
    const existing = await this.sagas.latest(payload.tenantId, 'provision', tx);
    if (existing) return existing.id;
    return this.sagas.create(tx, payload.tenantId, 'provision', { ...payload }, PROVISIONING_STEPS);
  }
}
