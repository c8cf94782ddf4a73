/**
 * Recompute-and-diff for one draft invoice, in the caller's transaction: its lines are computed again
 * from the history, the plan versions and the current usage totals; when they differ from the stored
 * ones the draft is revised. Once the grace window is over the invoice is finalized: it takes the
 * next gapless number, its due date, a payment status (none for a zero total: closed without a
 * payment) and InvoiceIssued is published with it; an invoice with a total is scheduled for
 * automatic collection (the collection job charges the tenant's default payment method). A finalized invoice is left alone.
 */
import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { BillingConfig } from '../../../billing.config';
import { InvoiceRepository } from '../../../invoices/invoice.repository';
import { PeriodInvoiceCalculator } from '../../../invoices/period-invoice.calculator';
import { CollectionRepository } from '../../../payments/collection.repository';
import { decimal, toMinorUnits } from '../../../money/money';
import { addDays } from '../../../subscriptions/billing-period';
import { SubscriptionRepository } from '../../../subscriptions/subscription.repository';
import { InvoiceOutcome } from '../../billing-run.row';
import { SettleInvoiceCommand } from './settle-invoice.command';

@Injectable()
export class SettleInvoiceUseCase {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly subscriptions: SubscriptionRepository,
    private readonly calculator: PeriodInvoiceCalculator,
    private readonly outbox: OutboxWriter,
    private readonly config: BillingConfig,
    private readonly collections: CollectionRepository,
  ) {}

  async execute(command: SettleInvoiceCommand, tx: Transaction): Promise<InvoiceOutcome[]> {
    const scope = { ...tenantScope(command.tenantId), invoiceId: command.invoiceId };
    const subscription = await this.subscriptions.find(scope, tx);
    const invoice = await this.invoices.lock(tx, scope);
    if (!invoice || !subscription || invoice.status !== 'draft') return [];
    const outcome = (kind: InvoiceOutcome['outcome'], total: string): InvoiceOutcome => ({
      tenantId: invoice.tenantId, subscriptionId: invoice.subscriptionId, invoiceId: invoice.id, periodStart: invoice.periodStart, outcome: kind, total, currency: invoice.currency,
    });

    const fresh = await this.calculator.compute(tx, subscription, invoice.periodStart);
    const stored = { lines: invoice.lines, subtotal: invoice.subtotal, tax: invoice.tax, total: invoice.total, taxRate: invoice.taxRate };
    const computed = { lines: fresh.lines, subtotal: fresh.subtotal, tax: fresh.tax, total: fresh.total, taxRate: fresh.taxRate };
    const changed = !isDeepStrictEqual(stored, computed);
    if (changed) await this.invoices.revise(tx, scope, fresh.taxRate, fresh);
    const outcomes = [outcome(changed ? 'updated' : 'unchanged', fresh.total)];

    if (command.now < invoice.graceEndsAt) return outcomes;
    const dueAt = addDays(command.now, this.config.INVOICE_DUE_DAYS);
    const zero = decimal(fresh.total).isZero();
    await this.invoices.finalize(tx, scope, command.now, dueAt, zero ? null : 'pending');
    if (!zero) await this.collections.schedule(tx, scope, command.now);
    await this.outbox.publish(tx, 'InvoiceIssued', {
      tenantId: invoice.tenantId,
      invoiceId: invoice.id,
      amountMinor: toMinorUnits(fresh.total, invoice.currency),
      currency: invoice.currency,
      periodStart: invoice.periodStart.toISOString(),
      periodEnd: invoice.periodEnd.toISOString(),
      dueAt: dueAt.toISOString(),
    });
    outcomes.push(outcome('finalized', fresh.total));
    return outcomes;
  }
}
