/**
 * Moves a subscription to another plan (its current version). Upgrade or downgrade is decided by the
 * price of a period, not by name: a dearer plan applies at once (the invoice of the period credits
 * the old plan's unused days and charges the new one's, pro rata); a cheaper or equal one applies at
 * the start of the next period. A change back to the current plan undoes a scheduled downgrade.
 * Runs in the caller's transaction (the consumer's, or the route's).
 */
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { COMMON_PROBLEMS } from '@tenantry/service';
import { planNotFound } from '../../../catalogue/catalogue.problems';
import { PlanRepository } from '../../../catalogue/plan.repository';
import { decimal } from '../../../money/money';
import { periodEndOf, periodStartOf } from '../../billing-period';
import { subscriptionChanged } from '../../subscription.events';
import { SubscriptionRepository } from '../../subscription.repository';
import { Subscription } from '../../subscription.row';
import { ChangePlanCommand } from './change-plan.command';

export type PlanChangeOutcome = 'unchanged' | 'upgraded' | 'downgrade_scheduled' | 'downgrade_canceled';

@Injectable()
export class ChangePlanUseCase {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly plans: PlanRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: ChangePlanCommand, tx: Transaction): Promise<{ outcome: PlanChangeOutcome; subscription?: Subscription }> {
    const scope = tenantScope(command.tenantId.toLowerCase());
    const current = await this.subscriptions.lock(tx, scope);
    if (!current) throw COMMON_PROBLEMS['tenant-not-found'](`Tenant ${scope.tenantId} has no subscription`, { tenantId: scope.tenantId });
    const target = await this.plans.find(command.planId, tx);
    if (!target) throw planNotFound(command.planId);
    const from = await this.plans.version(current.planId, current.planVersion, tx);
    if (!from) throw new Error(`plan ${current.planId} v${current.planVersion} is missing`);

    // A late event must not reach into a period already invoiced: it takes effect in the current one at the earliest.
    const at = command.at < current.currentPeriodStart ? current.currentPeriodStart : command.at;
    const { account: _account, ...subscription } = current;

    if (target.id === current.planId) {
      if (current.pendingPlanId === null) return { outcome: 'unchanged' };
      await this.subscriptions.dropScheduledDowngrades(tx, scope, at);
      const next: Subscription = { ...subscription, pendingPlanId: null, pendingPlanVersion: null };
      await this.subscriptions.save(tx, next);
      await this.outbox.publish(tx, 'SubscriptionChanged', subscriptionChanged(next, 'downgrade_canceled', at));
      return { outcome: 'downgrade_canceled', subscription: next };
    }

    await this.subscriptions.dropScheduledDowngrades(tx, scope, at);
    if (decimal(target.current.basePrice).gt(from.basePrice)) {
      const next: Subscription = { ...subscription, planId: target.id, planVersion: target.currentVersion, pendingPlanId: null, pendingPlanVersion: null };
      await this.subscriptions.addChange(tx, { subscriptionId: current.id, tenantId: scope.tenantId, kind: 'upgrade', at, fromPlanId: from.planId, fromPlanVersion: from.version, toPlanId: target.id, toPlanVersion: target.currentVersion });
      await this.subscriptions.save(tx, next);
      await this.outbox.publish(tx, 'SubscriptionChanged', subscriptionChanged(next, 'upgraded', at, at));
      return { outcome: 'upgraded', subscription: next };
    }

    const effectiveAt = periodEndOf(periodStartOf(at));
    const next: Subscription = { ...subscription, pendingPlanId: target.id, pendingPlanVersion: target.currentVersion };
    await this.subscriptions.addChange(tx, { subscriptionId: current.id, tenantId: scope.tenantId, kind: 'downgrade', at: effectiveAt, fromPlanId: from.planId, fromPlanVersion: from.version, toPlanId: target.id, toPlanVersion: target.currentVersion });
    await this.subscriptions.save(tx, next);
    await this.outbox.publish(tx, 'SubscriptionChanged', subscriptionChanged(next, 'downgrade_scheduled', at, effectiveAt));
    return { outcome: 'downgrade_scheduled', subscription: next };
  }
}
