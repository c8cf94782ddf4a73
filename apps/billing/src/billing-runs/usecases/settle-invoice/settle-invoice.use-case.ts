/**
 * Recompute-and-diff for draft invoices, in the caller's transaction with their rows locked: each
 * draft's lines are computed again from the history, the plan versions and the current usage totals;
 * when they differ from the stored ones the draft is revised. Once the grace window is over the
 * invoice is finalized: it takes the next gapless number, its due date, a payment status (none for a
 * zero total: closed without a payment) and InvoiceIssued is published with it; an invoice with a
 * total is scheduled for automatic collection (the collection job charges the tenant's default
 * payment method). A finalized invoice is left alone.
 *
 * Set-based: the billing run hands over a page of drafts, and the page costs a fixed number of
 * queries (lock, history, usage, one counter step for all the numbers, one update, one outbox insert)
 * — a revised draft adds its own two. Drafts the billing run created a moment ago in the same
 * transaction come with their computation (`computed`) and are not computed again. The numbers are
 * taken in the order given.
 */
import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { OutboundEvent, OutboxWriter } from '@tenantry/messaging';
import { TenantScope, tenantScope, Transaction } from '@tenantry/persistence';
import { BillingConfig } from '../../../billing.config';
import { PlanVersion } from '../../../catalogue/plan.row';
import { InvoiceRepository } from '../../../invoices/invoice.repository';
import { PeriodInvoiceCalculator } from '../../../invoices/period-invoice.calculator';
import { CollectionRepository } from '../../../payments/collection.repository';
import { decimal, toMinorUnits } from '../../../money/money';
import { addDays } from '../../../subscriptions/billing-period';
import { SubscriptionRepository } from '../../../subscriptions/subscription.repository';
import { periodKey, UsageTotalsRepository } from '../../../usage/usage-totals.repository';
import { InvoiceOutcome } from '../../billing-run.row';
import { SettleInvoiceCommand } from './settle-invoice.command';

@Injectable()
export class SettleInvoiceUseCase {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly subscriptions: SubscriptionRepository,
    private readonly usage: UsageTotalsRepository,
    private readonly calculator: PeriodInvoiceCalculator,
    private readonly outbox: OutboxWriter,
    private readonly config: BillingConfig,
    private readonly collections: CollectionRepository,
  ) {}

  async execute(command: SettleInvoiceCommand, tx: Transaction): Promise<InvoiceOutcome[]> {
    // The subscription rows first, in tenant id order (as the period-closing step does): one settlement of a
    // tenant at a time, so its credit balance is used up once. Then the invoices, in id order (two runs
    // never wait on each other crosswise); numbered in the order given (a tenant's periods in order).
    const subscriptions = new Map((await this.subscriptions.lockMany(tx, [...new Set(command.invoices.map((key) => key.tenantId))])).map((s) => [s.tenantId, s]));
    const order = new Map(command.invoices.map((key, k) => [key.invoiceId, k]));
    const drafts = (await this.invoices.lockMany(tx, command.invoices)).filter((invoice) => invoice.status === 'draft').sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    if (drafts.length === 0) return [];
    // Drafts the caller computed a moment ago in this transaction need no second computation (nor their inputs read again).
    const toCompute = drafts.filter((d) => !command.computed.has(d.id));
    const tenantIds = [...new Set(toCompute.map((d) => d.tenantId))];
    const changes = await this.subscriptions.changesOf(tenantIds, tx);
    const usage = await this.usage.totalsOf(toCompute.map((d) => ({ ...tenantScope(d.tenantId), periodStart: d.periodStart })), tx);
    const plans = new Map<string, PlanVersion>();
    // Oldest period first takes the credit; what a draft computed a moment ago (in `computed`) already took is not there to take again.
    const credits = await this.invoices.creditBalances(tx, tenantIds);
    for (const [invoiceId, computed] of command.computed) {
      const tenantId = drafts.find((d) => d.id === invoiceId)?.tenantId;
      if (tenantId === undefined || !credits.has(tenantId)) continue;
      const applied = computed.lines.filter((l) => l.kind === 'credit_applied').reduce((sum, l) => sum.plus(decimal(l.amount)), decimal(0));
      credits.set(tenantId, decimal(credits.get(tenantId) ?? '0').plus(applied).toFixed());
    }

    const outcomes: InvoiceOutcome[] = [];
    const finalizing: (TenantScope & { invoiceId: string; paymentStatus: 'pending' | null })[] = [];
    const issued: OutboundEvent[] = [];
    const dueAt = addDays(command.now, this.config.INVOICE_DUE_DAYS);
    for (const invoice of drafts) {
      let fresh = command.computed.get(invoice.id);
      if (!fresh) {
        const subscription = subscriptions.get(invoice.tenantId);
        if (!subscription) continue;
        fresh = await this.calculator.compute(tx, subscription, invoice.periodStart, {
          changes: changes.get(invoice.tenantId) ?? [],
          usage: usage.get(periodKey(invoice.tenantId, invoice.periodStart)) ?? new Map(),
          plans,
          credits,
        });
      }
      const scope = { ...tenantScope(invoice.tenantId), invoiceId: invoice.id };
      const outcome = (kind: InvoiceOutcome['outcome'], total: string): InvoiceOutcome => ({
        tenantId: invoice.tenantId, subscriptionId: invoice.subscriptionId, invoiceId: invoice.id, periodStart: invoice.periodStart, outcome: kind, total, currency: invoice.currency,
      });
      const stored = { lines: invoice.lines, subtotal: invoice.subtotal, tax: invoice.tax, total: invoice.total, taxRate: invoice.taxRate };
      const computed = { lines: fresh.lines, subtotal: fresh.subtotal, tax: fresh.tax, total: fresh.total, taxRate: fresh.taxRate };
      const changed = !isDeepStrictEqual(stored, computed);
      if (changed) await this.invoices.revise(tx, scope, fresh.taxRate, fresh);
      outcomes.push(outcome(changed ? 'updated' : 'unchanged', fresh.total));

      if (command.now < invoice.graceEndsAt) continue;
      finalizing.push({ ...scope, paymentStatus: decimal(fresh.total).isZero() ? null : 'pending' });
      issued.push({
        type: 'InvoiceIssued',
        payload: {
          tenantId: invoice.tenantId,
          invoiceId: invoice.id,
          amountMinor: toMinorUnits(fresh.total, invoice.currency),
          currency: invoice.currency,
          periodStart: invoice.periodStart.toISOString(),
          periodEnd: invoice.periodEnd.toISOString(),
          dueAt: dueAt.toISOString(),
        },
      });
      outcomes.push(outcome('finalized', fresh.total));
    }
    if (finalizing.length === 0) return outcomes;
    await this.collections.scheduleMany(tx, finalizing.filter((f) => f.paymentStatus !== null), command.now);
    await this.outbox.publishMany(tx, issued);
    // Last: the counter row stays locked from here to the commit, so concurrent runs wait on it as briefly as possible.
    await this.invoices.finalizeMany(tx, finalizing, command.now, dueAt);
    return outcomes;
  }
}
