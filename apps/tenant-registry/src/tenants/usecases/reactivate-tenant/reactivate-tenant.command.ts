/** Bring a suspended tenant back to active. */
import { ActorContext } from '../../tenant-status-change';

export class ReactivateTenantCommand {
  constructor(
    readonly tenantId: string,
    readonly by: ActorContext,
  ) {}
}
