/** A lifecycle event as metering's tenant projection takes it. */
import { EntityManager } from 'typeorm';
import { LifecycleEventName } from '../../tenant-status';

export class RecordTenantStatusCommand {
  constructor(
    readonly tenantId: string,
    readonly event: LifecycleEventName,
    readonly at: Date,
    readonly tx: EntityManager,
  ) {}
}
