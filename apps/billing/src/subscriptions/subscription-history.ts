/** Reading a subscription's change history: which plan was in effect when, and the upgrades inside a period. */
import { daysOfPeriod, endOfDay } from './billing-period';
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

/** Whether the subscription is canceled at `at`: a `canceled` change at or before it and no `reactivated` since (other changes do not undo a cancel). */
export function canceledAt(changes: readonly SubscriptionChange[], at: Date): boolean {
  let canceled = false;
  for (const change of changes) {
    if (change.at > at) break;
    if (change.kind === 'canceled') canceled = true;
    else if (change.kind === 'reactivated') canceled = false;
  }
  return canceled;
}

/**
 * The days of a period on which the subscription is canceled (the tenant deactivated or deleted, a
 * trial expired unpaid), judged at the end of each UTC day: the day of a cancel is not billed, the
 * day of a reactivation is (as the start day of a subscription is), a cancel undone the same day
 * costs nothing.
 */
export function canceledDaysOf(changes: readonly SubscriptionChange[], periodStart: Date): Date[] {
  if (!changes.some((c) => c.kind === 'canceled')) return [];
  return daysOfPeriod(periodStart).filter((day) => canceledAt(changes, endOfDay(day)));
}
