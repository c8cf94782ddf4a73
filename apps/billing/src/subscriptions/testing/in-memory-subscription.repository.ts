/** SubscriptionRepository in memory, for unit specs: one subscription per tenant, the change history in effect order. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { SubscriptionRepository } from '../subscription.repository';
import { BillingAccount, Subscription, SubscriptionChange, SubscriptionWithAccount } from '../subscription.row';

export class InMemorySubscriptionRepository extends SubscriptionRepository {
  readonly accounts = new Map<string, BillingAccount>();
  readonly subscriptions = new Map<string, Subscription>();
  readonly history: SubscriptionChange[] = [];

  create(_tx: Transaction, account: BillingAccount, subscription: Subscription, created: SubscriptionChange): Promise<boolean> {
    if (this.accounts.has(account.tenantId)) return Promise.resolve(false);
    this.accounts.set(account.tenantId, { ...account });
    this.subscriptions.set(subscription.tenantId, { ...subscription });
    this.history.push({ ...created });
    return Promise.resolve(true);
  }

  find(scope: TenantScope): Promise<SubscriptionWithAccount | undefined> {
    const s = this.subscriptions.get(scope.tenantId);
    const account = this.accounts.get(scope.tenantId);
    return Promise.resolve(s && account && { ...s, account: { ...account } });
  }

  lock(_tx: Transaction, scope: TenantScope): Promise<SubscriptionWithAccount | undefined> {
    return this.find(scope);
  }

  save(_tx: Transaction, subscription: Subscription): Promise<void> {
    this.subscriptions.set(subscription.tenantId, { ...subscription, version: subscription.version + 1 });
    return Promise.resolve();
  }

  setTaxRate(_tx: Transaction, scope: TenantScope, taxRate: string): Promise<void> {
    const account = this.accounts.get(scope.tenantId);
    if (account) account.taxRate = taxRate;
    return Promise.resolve();
  }

  addChange(_tx: Transaction, change: SubscriptionChange): Promise<void> {
    this.history.push({ ...change });
    this.history.sort((a, b) => a.at.getTime() - b.at.getTime());
    return Promise.resolve();
  }

  dropScheduledDowngrades(_tx: Transaction, scope: TenantScope, after: Date): Promise<void> {
    for (let i = this.history.length - 1; i >= 0; i--) {
      const c = this.history[i];
      if (c && c.tenantId === scope.tenantId && c.kind === 'downgrade' && c.at > after) this.history.splice(i, 1);
    }
    return Promise.resolve();
  }

  changes(scope: TenantScope): Promise<SubscriptionChange[]> {
    return Promise.resolve(this.history.filter((c) => c.tenantId === scope.tenantId));
  }

  due(periodStart: Date, limit: number, afterTenantId?: string): Promise<string[]> {
    return Promise.resolve(
      [...this.subscriptions.values()]
        .filter((s) => s.currentPeriodStart < periodStart && s.status !== 'canceled' && (afterTenantId === undefined || s.tenantId > afterTenantId))
        .map((s) => s.tenantId)
        .sort()
        .slice(0, limit),
    );
  }

  /** Tenants given a payment method by the test. */
  readonly withPaymentMethod = new Set<string>();

  endedTrials(now: Date, limit: number): Promise<string[]> {
    return Promise.resolve(
      [...this.subscriptions.values()]
        .filter((s) => s.status === 'trialing' && s.trialEndsAt !== null && s.trialEndsAt <= now)
        .map((s) => s.tenantId)
        .slice(0, limit),
    );
  }

  private readonly notices = new Set<string>();

  endingTrials(now: Date, until: Date, limit: number): Promise<string[]> {
    return Promise.resolve(
      [...this.subscriptions.values()]
        .filter((s) => s.status === 'trialing' && s.trialEndsAt !== null && s.trialEndsAt > now && s.trialEndsAt <= until && !this.notices.has(`${s.id}:${s.trialEndsAt.toISOString()}`))
        .map((s) => s.tenantId)
        .slice(0, limit),
    );
  }

  recordTrialEndingNotice(_tx: Transaction, notice: { subscriptionId: string; trialEndsAt: Date }): Promise<boolean> {
    const key = `${notice.subscriptionId}:${notice.trialEndsAt.toISOString()}`;
    if (this.notices.has(key)) return Promise.resolve(false);
    this.notices.add(key);
    return Promise.resolve(true);
  }

  hasPaymentMethod(_tx: Transaction, scope: TenantScope): Promise<boolean> {
    return Promise.resolve(this.withPaymentMethod.has(scope.tenantId));
  }
}
