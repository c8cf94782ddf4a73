/** End an active window now, or cancel a scheduled one. */
import { ActorContext } from '../../../tenants/tenant-status-change';

export class EndMaintenanceCommand {
  constructor(
    readonly maintenanceId: string,
    readonly by: ActorContext,
  ) {}
}
