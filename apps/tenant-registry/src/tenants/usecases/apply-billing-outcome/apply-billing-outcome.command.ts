/** What billing decided about a tenant, as the registry acts on it. */
import { ActorContext } from '../../tenant-status-change';

export type BillingOutcome =
  /** A dunning step: `suspended` suspends with reason `payment`, `inactive` deactivates; other steps change nothing here. */
  | { kind: 'dunning-step'; step: string }
  /** Every overdue invoice was paid: a tenant suspended for non-payment is reactivated. */
  | { kind: 'dunning-cleared' }
  /** The trial ended: `converted` → active, `expired` → inactive. */
  | { kind: 'trial-ended'; outcome: 'converted' | 'expired' };

export class ApplyBillingOutcomeCommand {
  constructor(
    readonly tenantId: string,
    readonly outcome: BillingOutcome,
    readonly by: ActorContext,
  ) {}
}
