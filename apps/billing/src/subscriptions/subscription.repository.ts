/** Billing accounts, subscriptions and their change history; every tenant-scoped query names the tenant. */
import { TenantScope, Transaction } from '@tenantry/persistence';
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
  /** Tenants whose current period started before `periodStart` (it has ended), by tenant id after `afterTenantId`. */
  abstract due(periodStart: Date, limit: number, afterTenantId?: string): Promise<string[]>;
}
