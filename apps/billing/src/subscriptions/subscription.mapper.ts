/** Subscriptions as the API answers them. */
import { SubscriptionViewDto } from '@tenantry/billing-api';
import { periodEndOf } from './billing-period';
import { SubscriptionWithAccount } from './subscription.row';

export function toSubscriptionView(s: SubscriptionWithAccount): SubscriptionViewDto {
  const periodEnd = periodEndOf(s.currentPeriodStart);
  return {
    id: s.id,
    tenantId: s.tenantId,
    planId: s.planId,
    planVersion: s.planVersion,
    status: s.status,
    currency: s.account.currency,
    taxRate: s.account.taxRate,
    startedAt: s.startedAt.toISOString(),
    trialEndsAt: s.trialEndsAt?.toISOString() ?? null,
    currentPeriodStart: s.currentPeriodStart.toISOString(),
    currentPeriodEnd: periodEnd.toISOString(),
    pendingChange: s.pendingPlanId !== null && s.pendingPlanVersion !== null ? { planId: s.pendingPlanId, planVersion: s.pendingPlanVersion, effectiveAt: periodEnd.toISOString() } : null,
  };
}
