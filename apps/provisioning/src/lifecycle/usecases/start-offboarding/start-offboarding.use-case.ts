/** Records an offboarding saga; it runs after any earlier saga of the tenant has finished. */
import { Injectable } from '@nestjs/common';
import { OFFBOARDING_STEPS, TenantOffboardingStartedPayload } from '@tenantry/contracts';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { SagaRepository } from '../../../saga/saga.repository';

@Injectable()
export class StartOffboardingUseCase {
  constructor(private readonly sagas: SagaRepository) {}

  async execute(payload: TenantOffboardingStartedPayload, tx: Transaction): Promise<string> {
    const scope = tenantScope(payload.tenantId);
    const existing = await this.sagas.latest(scope, 'offboard', tx);
    if (existing && existing.status !== 'failed') return existing.id;
    return this.sagas.create(tx, scope, 'offboard', { ...payload }, OFFBOARDING_STEPS);
  }
}
