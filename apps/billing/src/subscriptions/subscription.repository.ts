/** Billing accounts, subscriptions and their change history; every tenant-scoped query names the tenant. */
import { TenantScope, tenantScope, Transaction } from '@tenantry/persistence';
import { BillingAccount, Subscription, SubscriptionChange, SubscriptionWithAccount } from './subscription.row';

export abstract class SubscriptionRepository {
  /** Creates the account and the subscription with its `created` change; false when the tenant has one already. */
  abstract create(tx: Transaction, account: BillingAccount, subscription: Subscription, created: SubscriptionChange): Promise<boolean>;
  abstract find(scope: TenantScope, tx?: Transaction): Promise<SubscriptionWithAccount | undefined>;
  /** The tenant's subscription, its row locked until `tx` ends. */
  abstract lock(tx: Transaction, scope: TenantScope): Promise<SubscriptionWithAccount | undefined>;
  /** Saves the plan, status, period and pending change, bumping `version`. */
  abstract save(tx: Transaction, subscription: Subscription): Promise<void>;
  abstract setTaxRate(tx: Transaction, scope: TenantScope, taxRate: string): Promise<void>;
  abstract addChange(tx: Transaction, change: SubscriptionChange): Promise<void>;
  /** Removes scheduled downgrades effective after `after` (an upgrade or another change replaces them). */
  abstract dropScheduledDowngrades(tx: Transaction, scope: TenantScope, after: Date): Promise<void>;
  /** Every change of the subscription, oldest first. */
  abstract changes(scope: TenantScope, tx?: Transaction): Promise<SubscriptionChange[]>;
  /** The subscriptions of several tenants (the billing run's page), each row locked until `tx` ends, in tenant id order (so two runs lock in the same order). */
  async lockMany(tx: Transaction, tenantIds: readonly string[]): Promise<SubscriptionWithAccount[]> {
    const found: SubscriptionWithAccount[] = [];
    for (const tenantId of [...tenantIds].sort()) {
      const subscription = await this.lock(tx, tenantScope(tenantId));
      if (subscription) found.push(subscription);
    }
    return found;
  }

  /** The subscriptions of several tenants, unlocked. */
  async findMany(tenantIds: readonly string[], tx?: Transaction): Promise<SubscriptionWithAccount[]> {
    const found: SubscriptionWithAccount[] = [];
    for (const tenantId of tenantIds) {
      const subscription = await this.find(tenantScope(tenantId), tx);
      if (subscription) found.push(subscription);
    }
    return found;
  }

  /** Every change of several tenants' subscriptions, oldest first, by tenant id. */
  async changesOf(tenantIds: readonly string[], tx?: Transaction): Promise<Map<string, SubscriptionChange[]>> {
    const byTenant = new Map<string, SubscriptionChange[]>();
    for (const tenantId of tenantIds) byTenant.set(tenantId, await this.changes(tenantScope(tenantId), tx));
    return byTenant;
  }

  /** `save` for several subscriptions. */
  async saveMany(tx: Transaction, subscriptions: readonly Subscription[]): Promise<void> {
    for (const subscription of subscriptions) await this.save(tx, subscription);
  }

  /** Tenants whose current period started before `periodStart` (it has ended), by tenant id after `afterTenantId`. */
  abstract due(periodStart: Date, limit: number, afterTenantId?: string): Promise<string[]>;
  /** Tenants whose subscription is still `trialing` although its trial ended at or before `now`, oldest trial end first. */
  abstract endedTrials(now: Date, limit: number): Promise<string[]>;
  /** Tenants still `trialing` whose trial ends after `now` and at or before `until`, with no TrialEnding notice for that trial end yet. */
  abstract endingTrials(now: Date, until: Date, limit: number): Promise<string[]>;
  /** Records the TrialEnding notice of a subscription's trial end: false when it was already recorded (published once). */
  abstract recordTrialEndingNotice(tx: Transaction, notice: { subscriptionId: string; tenantId: string; trialEndsAt: Date; at: Date }): Promise<boolean>;
  /** Whether the tenant has a payment method on file (payments' table, read for the trial's outcome). */
  abstract hasPaymentMethod(tx: Transaction, scope: TenantScope): Promise<boolean>;
}
