/** A maintenance window to schedule (or declare as an emergency), validated. */
import { ActorContext } from '../../../tenants/tenant-status-change';
import { MaintenanceRequest } from '../../maintenance-request';

export class ScheduleMaintenanceCommand {
  constructor(
    readonly request: MaintenanceRequest,
    readonly by: ActorContext,
  ) {}
}
