/** Ask provisioning to try a failed tenant again. */
import { ActorContext } from '../../tenant-status-change';

export class RetryProvisioningCommand {
  constructor(
    readonly tenantId: string,
    readonly by: ActorContext,
  ) {}
}
