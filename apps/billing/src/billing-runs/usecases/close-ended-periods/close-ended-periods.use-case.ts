/**
 * The billing run's step for one subscription, in the caller's transaction with the subscription row
 * locked (a second run, or a second instance, waits and then finds nothing left to do): every period
 * that has ended gets its draft invoice — at most one per (subscription, period), which the unique
 * key guarantees even against a run that did not lock — and the subscription moves on to the next
 * period, applying a scheduled downgrade and ending a trial when the period passes them. A draft
 * whose grace window is over is settled (finalized) at once.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { BillingConfig } from '../../../billing.config';
import { InvoiceRepository } from '../../../invoices/invoice.repository';
import { PeriodInvoiceCalculator } from '../../../invoices/period-invoice.calculator';
import { addDays, periodEndOf, periodStartOf } from '../../../subscriptions/billing-period';
import { planAt } from '../../../subscriptions/subscription-history';
import { subscriptionChanged } from '../../../subscriptions/subscription.events';
import { SubscriptionRepository } from '../../../subscriptions/subscription.repository';
import { Subscription } from '../../../subscriptions/subscription.row';
import { InvoiceOutcome } from '../../billing-run.row';
import { SettleInvoiceCommand } from '../settle-invoice/settle-invoice.command';
import { SettleInvoiceUseCase } from '../settle-invoice/settle-invoice.use-case';
import { CloseEndedPeriodsCommand } from './close-ended-periods.command';

@Injectable()
export class CloseEndedPeriodsUseCase {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly invoices: InvoiceRepository,
    private readonly calculator: PeriodInvoiceCalculator,
    private readonly settle: SettleInvoiceUseCase,
    private readonly outbox: OutboxWriter,
    private readonly config: BillingConfig,
  ) {}

  async execute(command: CloseEndedPeriodsCommand, tx: Transaction): Promise<InvoiceOutcome[]> {
    const scope = tenantScope(command.tenantId);
    const locked = await this.subscriptions.lock(tx, scope);
    const currentPeriod = periodStartOf(command.now);
    if (!locked || locked.status === 'canceled' || locked.currentPeriodStart >= currentPeriod) return [];
    const { account, ...start } = locked;
    let subscription: Subscription = start;
    const outcomes: InvoiceOutcome[] = [];
    const changes = await this.subscriptions.changes(scope, tx);

    while (subscription.currentPeriodStart < currentPeriod) {
      const periodStart = subscription.currentPeriodStart;
      const periodEnd = periodEndOf(periodStart);
      const computed = await this.calculator.compute(tx, { ...subscription, account }, periodStart);
      const invoiceId = randomUUID();
      const created = await this.invoices.insert(tx, {
        id: invoiceId,
        tenantId: subscription.tenantId,
        subscriptionId: subscription.id,
        periodStart,
        periodEnd,
        status: 'draft',
        paymentStatus: null,
        number: null,
        currency: account.currency,
        taxRate: computed.taxRate,
        subtotal: computed.subtotal,
        tax: computed.tax,
        total: computed.total,
        planId: computed.plan.planId,
        planVersion: computed.plan.version,
        billableFrom: computed.billableFrom,
        revision: 1,
        graceEndsAt: addDays(periodEnd, this.config.BILLING_GRACE_DAYS),
        finalizedAt: null,
        dueAt: null,
        createdAt: command.now,
        lines: computed.lines,
      });
      if (created) {
        outcomes.push({ tenantId: subscription.tenantId, subscriptionId: subscription.id, invoiceId, periodStart, outcome: 'created', total: computed.total, currency: account.currency });
        const settled = await this.settle.execute(new SettleInvoiceCommand(subscription.tenantId, invoiceId, command.now), tx);
        outcomes.push(...settled.filter((o) => o.outcome === 'finalized'));
      }

      const next: Subscription = { ...subscription, currentPeriodStart: periodEnd };
      const plan = planAt(changes, periodEnd);
      if (subscription.pendingPlanId !== null && plan && plan.planId === subscription.pendingPlanId) {
        Object.assign(next, { planId: plan.planId, planVersion: plan.version, pendingPlanId: null, pendingPlanVersion: null });
        await this.outbox.publish(tx, 'SubscriptionChanged', subscriptionChanged(next, 'downgrade_applied', periodEnd, periodEnd));
      }
      if (subscription.status === 'trialing' && subscription.trialEndsAt !== null && subscription.trialEndsAt <= periodEnd) {
        next.status = 'active';
        await this.outbox.publish(tx, 'SubscriptionChanged', subscriptionChanged(next, 'trial_ended', subscription.trialEndsAt));
      }
      subscription = next;
    }
    await this.subscriptions.save(tx, subscription);
    return outcomes;
  }
}
