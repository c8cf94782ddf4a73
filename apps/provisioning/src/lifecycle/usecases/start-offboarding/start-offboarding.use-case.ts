/** Records an offboarding saga; it runs after any earlier saga of the tenant has finished. */
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OFFBOARDING_STEPS, TenantOffboardingStartedPayload } from '@tenantry/contracts';
import { SagaRepository } from '../../../saga/saga.repository';

@Injectable()
export class StartOffboardingUseCase {
  constructor(private readonly sagas: SagaRepository) {}

  async execute(tx: EntityManager, payload: TenantOffboardingStartedPayload): Promise<string> {
    const existing = await this.sagas.latest(payload.tenantId, 'offboard', tx);
    if (existing && existing.status !== 'failed') return existing.id;
    return this.sagas.create(tx, payload.tenantId, 'offboard', { ...payload }, OFFBOARDING_STEPS);
  }
}
