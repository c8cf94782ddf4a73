/** A tenant whose data is gone (offboarded or deleted): no longer measured. */
import { EntityManager } from 'typeorm';

export class RetireTenantResourcesCommand {
  constructor(
    readonly tenantId: string,
    readonly at: Date,
    readonly tx: EntityManager,
  ) {}
}
