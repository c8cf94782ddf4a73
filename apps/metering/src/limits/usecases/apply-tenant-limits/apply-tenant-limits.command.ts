/** A TenantLimitsChanged as the limit projection takes it, in the consumer's transaction. */
import { ResourceLimit } from '@tenantry/contracts';
import { EntityManager } from 'typeorm';

export class ApplyTenantLimitsCommand {
  constructor(
    readonly tenantId: string,
    readonly limits: readonly ResourceLimit[],
    readonly version: number,
    readonly at: Date,
    readonly tx: EntityManager,
  ) {}
}
