/**
 * Settles a charge the provider confirmed, in one transaction with the payment and invoice rows
 * locked: the payment succeeds or fails, the invoice's payment status follows, the invoice's
 * collection is dropped (paid) or its next retry scheduled (PAYMENT_RETRY_DAYS after the first
 * failure; none left: no next retry), and InvoicePaid or InvoiceFailed (with `nextRetryAt`) is
 * published through the outbox with the change; a payment that leaves the tenant nothing overdue
 * closes its dunning episode in the same transaction (DunningCleared). The provider's event id is
 * recorded in the same transaction: a callback delivered again (the same event id), or another event
 * about a payment that is no longer pending, changes nothing and publishes nothing.
 */
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { BillingConfig } from '../../../billing.config';
import { DunningEpisodes } from '../../../dunning/dunning-episodes';
import { InvoiceRepository } from '../../../invoices/invoice.repository';
import { toMinorUnits } from '../../../money/money';
import { addDays } from '../../../subscriptions/billing-period';
import { CollectionRepository, Collection } from '../../collection.repository';
import { PaymentRepository } from '../../payment.repository';
import { SettlePaymentCommand } from './settle-payment.command';

@Injectable()
export class SettlePaymentUseCase {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly invoices: InvoiceRepository,
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
    private readonly collections: CollectionRepository,
    private readonly config: BillingConfig,
    private readonly dunning: DunningEpisodes,
  ) {}

  /** `settled`, `duplicate` (this event was applied before) or `ignored` (no such payment, or it is no longer pending). */
  async execute(command: SettlePaymentCommand): Promise<'settled' | 'duplicate' | 'ignored'> {
    const { settlement } = command;
    return this.transactions.run(async (tx) => {
      const payment = await this.payments.lockForSettlement(tx, settlement.idempotencyKey);
      if (!(await this.payments.recordProviderEvent(tx, command.event.provider, command.event.eventId, settlement.at))) return 'duplicate';
      if (!payment || payment.status !== 'pending') return 'ignored';
      const scope = tenantScope(payment.tenantId);
      await this.invoices.lock(tx, { ...scope, invoiceId: payment.invoiceId });
      await this.payments.settle(tx, { ...scope, paymentId: payment.id }, settlement.outcome, settlement.failureCode, settlement.at);
      await this.invoices.setPaymentStatus(tx, { ...scope, invoiceId: payment.invoiceId }, settlement.outcome);
      const money = { tenantId: payment.tenantId, invoiceId: payment.invoiceId, amountMinor: toMinorUnits(payment.amount, payment.currency), currency: payment.currency };
      const collection = await this.collections.lock(tx, { ...scope, invoiceId: payment.invoiceId });
      if (settlement.outcome === 'succeeded') {
        if (collection) await this.collections.drop(tx, { ...scope, invoiceId: payment.invoiceId });
        await this.outbox.publish(tx, 'InvoicePaid', { ...money, paidAt: settlement.at.toISOString() });
        await this.dunning.review(tx, payment.tenantId, settlement.at);
        return 'settled';
      }
      const next = collection ? this.nextRetry(collection, settlement.at) : undefined;
      if (collection && next) await this.collections.update(tx, next);
      const nextRetryAt = next?.nextAttemptAt?.toISOString();
      await this.outbox.publish(tx, 'InvoiceFailed', { ...money, attempt: payment.attempt, reason: settlement.failureCode ?? 'failed', ...(nextRetryAt ? { nextRetryAt } : {}) });
      return 'settled';
    });
  }

  /** The collection after one more failure: the retry PAYMENT_RETRY_DAYS[failures − 1] days after the first failure, or none left. */
  private nextRetry(collection: Collection, at: Date): Collection {
    const failures = collection.failures + 1;
    const firstFailedAt = collection.firstFailedAt ?? at;
    const days = this.config.PAYMENT_RETRY_DAYS.split(',').map(Number)[failures - 1];
    return { ...collection, failures, firstFailedAt, nextAttemptAt: days === undefined ? null : addDays(firstFailedAt, days) };
  }
}
