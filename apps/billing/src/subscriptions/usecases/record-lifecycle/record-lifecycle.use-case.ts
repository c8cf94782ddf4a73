/**
 * Records churn and reactivation in the subscription's history (for revenue reporting and invoicing:
 * canceled days are not billed): a
 * `canceled` change when the tenant is deactivated or deleted, a `reactivated` change when it is
 * active again after that. Both keep the plan in effect at that moment (from history, so a scheduled
 * downgrade already effective counts) as their target, so invoicing reads the history as before. Idempotent: a cancel of a canceled subscription, or a reactivation of one that
 * is not canceled (say, back from a suspension), records nothing. A tenant billing does not know
 * (created before billing existed) is ignored. Runs in the consumer's transaction.
 */
import { Injectable } from '@nestjs/common';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { canceledAt, planAt } from '../../subscription-history';
import { SubscriptionRepository } from '../../subscription.repository';
import { RecordLifecycleCommand } from './record-lifecycle.command';

@Injectable()
export class RecordLifecycleUseCase {
  constructor(private readonly subscriptions: SubscriptionRepository) {}

  async execute(command: RecordLifecycleCommand, tx: Transaction): Promise<boolean> {
    const scope = tenantScope(command.tenantId.toLowerCase());
    const subscription = await this.subscriptions.lock(tx, scope);
    if (!subscription) return false;
    const changes = await this.subscriptions.changes(scope, tx);
    const canceled = canceledAt(changes, command.at);
    if (command.kind === 'canceled' ? canceled : !canceled) return false;
    const plan = planAt(changes, command.at) ?? { planId: subscription.planId, version: subscription.planVersion };
    if (command.kind === 'reactivated' && subscription.status === 'canceled') {
      // Billing resumes: the run closes the periods since (days canceled are not billed, periods canceled throughout get no invoice).
      const { account: _account, ...plain } = subscription;
      await this.subscriptions.save(tx, { ...plain, status: 'active' });
    }
    await this.subscriptions.addChange(tx, {
      subscriptionId: subscription.id,
      tenantId: scope.tenantId,
      kind: command.kind,
      at: command.at,
      fromPlanId: plan.planId,
      fromPlanVersion: plan.version,
      toPlanId: plan.planId,
      toPlanVersion: plan.version,
    });
    return true;
  }
}
