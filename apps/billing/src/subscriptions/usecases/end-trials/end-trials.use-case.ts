/**
 * Ends trials: a subscription still `trialing` after its trial end becomes `active` when the tenant
 * has a payment method on file or its plan version costs nothing (`converted`), and `canceled`
 * otherwise (`expired`: nothing more is billed). Each in a transaction of its own with the
 * subscription locked, publishing SubscriptionChanged (`trial_ended`) and TrialEnded, on which
 * the registry activates or deactivates the tenant. A subscription ended by another instance in
 * the meantime is skipped.
 */
import { Inject, Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { LOGGER } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { PlanRepository } from '../../../catalogue/plan.repository';
import { Decimal } from '../../../money/money';
import { SubscriptionRepository } from '../../subscription.repository';
import { subscriptionChanged } from '../../subscription.events';
import { EndTrialsCommand } from './end-trials.command';

export interface EndedTrial {
  tenantId: string;
  outcome: 'converted' | 'expired';
}

@Injectable()
export class EndTrialsUseCase {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly plans: PlanRepository,
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: EndTrialsCommand): Promise<EndedTrial[]> {
    const ended: EndedTrial[] = [];
    for (;;) {
      const tenants = await this.subscriptions.endedTrials(command.now, command.batchSize);
      let progressed = 0;
      for (const tenantId of tenants) {
        try {
          const result = await this.endOne(tenantId, command.now);
          if (result) {
            ended.push(result);
            progressed += 1;
          }
        } catch (error) {
          this.logger.error({ err: error, tenantId }, 'ending a trial failed; tried again at the next check');
        }
      }
      if (tenants.length < command.batchSize || progressed === 0) return ended;
    }
  }

  private endOne(tenantId: string, now: Date): Promise<EndedTrial | undefined> {
    return this.transactions.run(async (tx) => {
      const scope = tenantScope(tenantId);
      const subscription = await this.subscriptions.lock(tx, scope);
      if (!subscription || subscription.status !== 'trialing' || subscription.trialEndsAt === null || subscription.trialEndsAt > now) return undefined;
      const version = await this.plans.version(subscription.planId, subscription.planVersion, tx);
      const free = version !== undefined && new Decimal(version.basePrice).isZero();
      const outcome = free || (await this.subscriptions.hasPaymentMethod(tx, scope)) ? 'converted' : 'expired';
      const { account: _account, ...plain } = subscription;
      const next = { ...plain, status: outcome === 'converted' ? ('active' as const) : ('canceled' as const) };
      await this.subscriptions.save(tx, next);
      // Revenue: an expired trial never paid; the history says it is canceled from its trial end.
      if (outcome === 'expired') {
        const plan = { planId: subscription.planId, version: subscription.planVersion };
        await this.subscriptions.addChange(tx, { subscriptionId: subscription.id, tenantId, kind: 'canceled', at: subscription.trialEndsAt, fromPlanId: plan.planId, fromPlanVersion: plan.version, toPlanId: plan.planId, toPlanVersion: plan.version });
      }
      await this.outbox.publish(tx, 'SubscriptionChanged', subscriptionChanged(next, 'trial_ended', now, subscription.trialEndsAt));
      await this.outbox.publish(tx, 'TrialEnded', {
        tenantId,
        subscriptionId: subscription.id,
        planId: subscription.planId,
        outcome,
        trialEndedAt: subscription.trialEndsAt.toISOString(),
        at: now.toISOString(),
      });
      return { tenantId, outcome };
    });
  }
}
