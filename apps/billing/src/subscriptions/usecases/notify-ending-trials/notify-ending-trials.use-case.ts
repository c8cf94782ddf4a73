/**
 * Tells that a trial ends soon: for each subscription still `trialing` whose trial ends within the
 * notice period (TRIAL_ENDING_NOTICE_DAYS), TrialEnding — with whether it will convert (a payment
 * method on file, or a free plan) or expire — in a transaction of its own with the subscription
 * locked, together with a notice row unique per subscription and trial end: published once, also
 * with several instances or a crash between the two (the outbox and the row commit together).
 */
import { Inject, Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import type { Logger } from '@tenantry/observability';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { LOGGER } from '@tenantry/service';
import { PlanRepository } from '../../../catalogue/plan.repository';
import { Decimal } from '../../../money/money';
import { SubscriptionRepository } from '../../subscription.repository';
import { NotifyEndingTrialsCommand } from './notify-ending-trials.command';

const DAY_MS = 86_400_000;

@Injectable()
export class NotifyEndingTrialsUseCase {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly plans: PlanRepository,
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Returns the tenants told. */
  async execute(command: NotifyEndingTrialsCommand): Promise<string[]> {
    if (command.noticeDays <= 0) return [];
    const until = new Date(command.now.getTime() + command.noticeDays * DAY_MS);
    const told: string[] = [];
    for (;;) {
      const tenants = await this.subscriptions.endingTrials(command.now, until, command.batchSize);
      let progressed = 0;
      for (const tenantId of tenants) {
        try {
          if (await this.notifyOne(tenantId, command.now, until)) {
            told.push(tenantId);
            progressed += 1;
          }
        } catch (error) {
          this.logger.error({ err: error, tenantId }, 'telling of an ending trial failed; tried again at the next check');
        }
      }
      if (tenants.length < command.batchSize || progressed === 0) return told;
    }
  }

  private notifyOne(tenantId: string, now: Date, until: Date): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const scope = tenantScope(tenantId);
      const subscription = await this.subscriptions.lock(tx, scope);
      const endsAt = subscription?.trialEndsAt;
      if (!subscription || subscription.status !== 'trialing' || !endsAt || endsAt <= now || endsAt > until) return false;
      if (!(await this.subscriptions.recordTrialEndingNotice(tx, { subscriptionId: subscription.id, tenantId, trialEndsAt: endsAt, at: now }))) return false;
      const version = await this.plans.version(subscription.planId, subscription.planVersion, tx);
      const free = version !== undefined && new Decimal(version.basePrice).isZero();
      const willConvert = free || (await this.subscriptions.hasPaymentMethod(tx, scope));
      await this.outbox.publish(tx, 'TrialEnding', {
        tenantId,
        subscriptionId: subscription.id,
        planId: subscription.planId,
        trialEndsAt: endsAt.toISOString(),
        daysLeft: Math.ceil((endsAt.getTime() - now.getTime()) / DAY_MS),
        willConvert,
        at: now.toISOString(),
      });
      return true;
    });
  }
}
