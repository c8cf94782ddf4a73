/**
 * A new tenant gets its billing account (currency from its configuration, else USD; tax rate 0) and
 * one subscription on the current version of its plan, starting when the tenant was created: the
 * first period runs from that day to the end of the UTC month. A trial (when the tenant was created
 * on one) lasts the tenant's trial length or the plan's. Runs in the consumer's transaction; a
 * redelivered TenantCreated changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { NonRetryableError, OutboxWriter } from '@tenantry/messaging';
import { Transaction } from '@tenantry/persistence';
import { PlanRepository } from '../../../catalogue/plan.repository';
import { DEFAULT_CURRENCY } from '../../../money/money';
import { addDays, periodStartOf } from '../../billing-period';
import { subscriptionChanged } from '../../subscription.events';
import { SubscriptionRepository } from '../../subscription.repository';
import { Subscription } from '../../subscription.row';
import { StartSubscriptionCommand } from './start-subscription.command';

const CURRENCY = /^[A-Z]{3}$/;

@Injectable()
export class StartSubscriptionUseCase {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly plans: PlanRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: StartSubscriptionCommand, tx: Transaction): Promise<{ created: boolean; subscription?: Subscription }> {
    const tenantId = command.tenantId.toLowerCase();
    const plan = await this.plans.find(command.planId, tx);
    // The registry and billing ship the same plan names; an unknown one is a catalogue gap to fix, not to retry.
    if (!plan) throw new NonRetryableError(`tenant ${tenantId} is on plan ${command.planId}, which billing does not know`);
    const currency = command.currency?.toUpperCase();
    const trialDays = command.trial ? (command.trialDays ?? plan.current.trialDays) : null;
    const trialEndsAt = trialDays ? addDays(command.createdAt, trialDays) : null;
    const subscription: Subscription = {
      id: randomUUID(),
      tenantId,
      planId: plan.id,
      planVersion: plan.currentVersion,
      status: trialEndsAt ? 'trialing' : 'active',
      startedAt: command.createdAt,
      trialEndsAt,
      currentPeriodStart: periodStartOf(command.createdAt),
      pendingPlanId: null,
      pendingPlanVersion: null,
      version: 1,
    };
    const created = await this.subscriptions.create(
      tx,
      { tenantId, name: command.name, currency: currency && CURRENCY.test(currency) ? currency : DEFAULT_CURRENCY, taxRate: '0' },
      subscription,
      { subscriptionId: subscription.id, tenantId, kind: 'created', at: command.createdAt, fromPlanId: null, fromPlanVersion: null, toPlanId: plan.id, toPlanVersion: plan.currentVersion },
    );
    if (!created) return { created };
    await this.outbox.publish(tx, 'SubscriptionChanged', subscriptionChanged(subscription, 'created', command.createdAt));
    return { created, subscription };
  }
}
