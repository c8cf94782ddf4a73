/** What provisioning reported about a tenant, to be applied inside the consumer's transaction. */
import { EntityManager } from 'typeorm';
import { ActorContext } from '../../tenant-status-change';

export type ProvisioningOutcome = 'provisioned' | 'failed' | 'offboarded';

export class RecordProvisioningOutcomeCommand {
  constructor(
    readonly tenantId: string,
    readonly outcome: ProvisioningOutcome,
    readonly by: ActorContext,
    /** The failure, for `failed`. */
    readonly reason?: string,
    /** The consumer's transaction, which also holds the inbox row. */
    readonly within?: EntityManager,
  ) {}
}
