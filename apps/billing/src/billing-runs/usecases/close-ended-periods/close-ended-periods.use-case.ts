/**
 * The billing run's step for a page of subscriptions, in the caller's transaction with their rows
 * locked (in tenant id order: a second run, or a second instance, waits and then finds nothing left to
 * do): every period that has ended gets its draft invoice — at most one per (subscription, period),
 * which the unique key guarantees even against a run that did not lock — and each subscription moves
 * on to the next period, applying a scheduled downgrade when the period passes it (trials are ended
 * before, by EndTrialsUseCase, which the run calls first: an expired trial is not billed). Drafts
 * whose grace window is over are settled (finalized) at once. Days on which the subscription is
 * canceled (the tenant deactivated or deleted) are not billed; a period canceled all through gets no
 * invoice, and a subscription still canceled when the run is done is marked `canceled` (a
 * reactivation makes it active again, RecordLifecycleUseCase).
 *
 * Set-based: the page's subscriptions, their history, their usage and their credit balances are read with one query each,
 * the drafts inserted with one statement (and one for their lines), settled as a page, the events
 * written with one outbox insert and the subscriptions saved with one update — a fixed number of
 * round trips per page instead of some twenty per subscription (`npm run bench:billing`).
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OutboundEvent, OutboxWriter } from '@tenantry/messaging';
import { TenantScope, tenantScope, Transaction } from '@tenantry/persistence';
import { BillingConfig } from '../../../billing.config';
import { PlanVersion } from '../../../catalogue/plan.row';
import { InvoiceRepository } from '../../../invoices/invoice.repository';
import { Invoice } from '../../../invoices/invoice.row';
import { PeriodInvoice, PeriodInvoiceCalculator } from '../../../invoices/period-invoice.calculator';
import { addDays, periodEndOf, periodStartOf } from '../../../subscriptions/billing-period';
import { canceledAt, planAt } from '../../../subscriptions/subscription-history';
import { subscriptionChanged } from '../../../subscriptions/subscription.events';
import { SubscriptionRepository } from '../../../subscriptions/subscription.repository';
import { Subscription } from '../../../subscriptions/subscription.row';
import { periodKey, UsageTotalsRepository } from '../../../usage/usage-totals.repository';
import { InvoiceOutcome } from '../../billing-run.row';
import { SettleInvoiceCommand } from '../settle-invoice/settle-invoice.command';
import { SettleInvoiceUseCase } from '../settle-invoice/settle-invoice.use-case';
import { CloseEndedPeriodsCommand } from './close-ended-periods.command';

@Injectable()
export class CloseEndedPeriodsUseCase {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly invoices: InvoiceRepository,
    private readonly usage: UsageTotalsRepository,
    private readonly calculator: PeriodInvoiceCalculator,
    private readonly settle: SettleInvoiceUseCase,
    private readonly outbox: OutboxWriter,
    private readonly config: BillingConfig,
  ) {}

  async execute(command: CloseEndedPeriodsCommand, tx: Transaction): Promise<InvoiceOutcome[]> {
    const currentPeriod = periodStartOf(command.now);
    const due = (await this.subscriptions.lockMany(tx, command.tenantIds)).filter((s) => s.status !== 'canceled' && s.currentPeriodStart < currentPeriod);
    if (due.length === 0) return [];
    const tenantIds = due.map((s) => s.tenantId);
    const changes = await this.subscriptions.changesOf(tenantIds, tx);
    const periods = due.flatMap((s) => {
      const starts: (TenantScope & { periodStart: Date })[] = [];
      for (let p = s.currentPeriodStart; p < currentPeriod; p = periodEndOf(p)) starts.push({ ...tenantScope(s.tenantId), periodStart: p });
      return starts;
    });
    const usage = await this.usage.totalsOf(periods, tx);
    const plans = new Map<string, PlanVersion>();
    const credits = await this.invoices.creditBalances(tx, tenantIds);

    const drafts: Invoice[] = [];
    const computedById = new Map<string, PeriodInvoice>();
    const events: OutboundEvent[] = [];
    const moved: Subscription[] = [];
    for (const locked of due) {
      const { account, ...start } = locked;
      let subscription: Subscription = start;
      const history = changes.get(locked.tenantId) ?? [];
      while (subscription.currentPeriodStart < currentPeriod) {
        const periodStart = subscription.currentPeriodStart;
        const periodEnd = periodEndOf(periodStart);
        const computed = await this.calculator.compute(tx, { ...subscription, account }, periodStart, {
          changes: history,
          usage: usage.get(periodKey(locked.tenantId, periodStart)) ?? new Map(),
          plans,
          credits,
        });
        const invoiceId = randomUUID();
        if (!computed.idle) computedById.set(invoiceId, computed);
        if (!computed.idle) drafts.push({
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

        const next: Subscription = { ...subscription, currentPeriodStart: periodEnd };
        const plan = planAt(history, periodEnd);
        if (subscription.pendingPlanId !== null && plan && plan.planId === subscription.pendingPlanId) {
          Object.assign(next, { planId: plan.planId, planVersion: plan.version, pendingPlanId: null, pendingPlanVersion: null });
          events.push({ type: 'SubscriptionChanged', payload: subscriptionChanged(next, 'downgrade_applied', periodEnd, periodEnd) });
        }
        subscription = next;
      }
      // Canceled now (deactivated, deleted, an expired trial): no more runs until a reactivation sets it active again.
      if (canceledAt(history, currentPeriod)) subscription = { ...subscription, status: 'canceled' };
      moved.push(subscription);
    }

    const created = await this.invoices.insertMany(tx, drafts);
    const outcomes: InvoiceOutcome[] = drafts
      .filter((d) => created.has(d.id))
      .map((d) => ({ tenantId: d.tenantId, subscriptionId: d.subscriptionId, invoiceId: d.id, periodStart: d.periodStart, outcome: 'created', total: d.total, currency: d.currency }));
    const settleable = drafts.filter((d) => created.has(d.id) && command.now >= d.graceEndsAt).map((d) => ({ ...tenantScope(d.tenantId), invoiceId: d.id }));
    if (settleable.length > 0) outcomes.push(...(await this.settle.execute(new SettleInvoiceCommand(settleable, command.now, computedById), tx)).filter((o) => o.outcome === 'finalized'));
    await this.outbox.publishMany(tx, events);
    await this.subscriptions.saveMany(tx, moved);
    return outcomes;
  }
}
