/** A lifecycle event as metering's tenant projection takes it. */
import { LifecycleEventName } from '../../tenant-status';

export class RecordTenantStatusCommand {
  constructor(
    readonly tenantId: string,
    readonly event: LifecycleEventName,
    readonly at: Date
  ) {}
}
