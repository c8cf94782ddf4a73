/** A tenant's billing account and subscription as billing stores them. */
import { SubscriptionStatus } from '@tenantry/billing-api';

export interface BillingAccount {
  tenantId: string;
  name: string;
  /** ISO 4217; fixed for the tenant's life. */
  currency: string;
  /** A fraction ("0.2" = 20 %). */
  taxRate: string;
}

export interface Subscription {
  id: string;
  tenantId: string;
  planId: string;
  planVersion: number;
  status: SubscriptionStatus;
  startedAt: Date;
  trialEndsAt: Date | null;
  /** The first period not yet invoiced (a UTC month start). */
  currentPeriodStart: Date;
  pendingPlanId: string | null;
  pendingPlanVersion: number | null;
  version: number;
}

export interface SubscriptionWithAccount extends Subscription {
  account: BillingAccount;
}

/**
 * One change of plan, effective at `at`: `created` and `upgrade` at the moment they happen, a
 * `downgrade` at the start of the next period (recorded when it is scheduled, removed if undone).
 * The plan in effect at any moment is the target of the last change at or before it. `canceled`
 * (the tenant deactivated or deleted) and `reactivated` (back from inactive) keep the plan as their
 * target: they matter to revenue (churn, reactivation), not to what an invoice charges.
 */
export const CHANGE_KINDS = ['created', 'upgrade', 'downgrade', 'canceled', 'reactivated'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface SubscriptionChange {
  subscriptionId: string;
  tenantId: string;
  kind: ChangeKind;
  at: Date;
  fromPlanId: string | null;
  fromPlanVersion: number | null;
  toPlanId: string;
  toPlanVersion: number;
}
