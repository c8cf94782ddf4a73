/** Suspend a tenant, with an optional reason shown as its statusReason. */
import { ActorContext } from '../../tenant-status-change';

export class SuspendTenantCommand {
  constructor(
    readonly tenantId: string,
    readonly by: ActorContext,
    readonly reason?: string,
  ) {}
}
