/** The SubscriptionChanged payload from a subscription and what happened to it. */
import { EventPayload, SubscriptionChange as ChangeName } from '@tenantry/contracts';
import { Subscription } from './subscription.row';

export function subscriptionChanged(s: Subscription, change: ChangeName, at: Date, effectiveAt?: Date): EventPayload<'SubscriptionChanged'> {
  return {
    tenantId: s.tenantId,
    subscriptionId: s.id,
    planId: s.planId,
    planVersion: s.planVersion,
    status: s.status,
    at: at.toISOString(),
    change,
    ...(s.pendingPlanId ? { pendingPlanId: s.pendingPlanId } : {}),
    ...(effectiveAt ? { effectiveAt: effectiveAt.toISOString() } : {}),
    ...(s.trialEndsAt ? { trialEndsAt: s.trialEndsAt.toISOString() } : {}),
  };
}
