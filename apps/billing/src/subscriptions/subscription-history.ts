/** Reading a subscription's change history: which plan was in effect when, and the upgrades inside a period. */
import { SubscriptionChange } from './subscription.row';

export interface PlanRef {
  planId: string;
  version: number;
}

/** The plan in effect at `at`: the target of the last change at or before it (the first plan before any). */
export function planAt(changes: readonly SubscriptionChange[], at: Date): PlanRef | undefined {
  let found: SubscriptionChange | undefined = changes[0];
  for (const change of changes) if (change.at <= at) found = change;
  return found && { planId: found.toPlanId, version: found.toPlanVersion };
}

/** Upgrades effective strictly after `from` and before `to`, oldest first. */
export function upgradesBetween(changes: readonly SubscriptionChange[], from: Date, to: Date): SubscriptionChange[] {
  return changes.filter((c) => c.kind === 'upgrade' && c.at > from && c.at < to);
}
