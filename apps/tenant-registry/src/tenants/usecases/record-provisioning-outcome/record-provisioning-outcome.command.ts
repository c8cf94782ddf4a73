/** What provisioning reported about a tenant. */
import { ActorContext } from '../../tenant-status-change';

export type ProvisioningOutcome = 'provisioned' | 'failed' | 'offboarded';

export class RecordProvisioningOutcomeCommand {
  constructor(
    readonly tenantId: string,
    readonly outcome: ProvisioningOutcome,
    readonly by: ActorContext,
    /** The failure, for `failed`. */
    readonly reason?: string,
  ) {}
}
