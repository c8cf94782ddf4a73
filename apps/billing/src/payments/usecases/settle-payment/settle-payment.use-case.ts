/**
 * Settles a charge the provider confirmed, in one transaction with the payment and invoice rows
 * locked: the payment succeeds or fails, the invoice's payment status follows, and InvoicePaid or
 * InvoiceFailed is published through the outbox with the change. A settlement delivered again
 * (the payment is no longer pending) changes nothing and publishes nothing.
 */
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { InvoiceRepository } from '../../../invoices/invoice.repository';
import { toMinorUnits } from '../../../money/money';
import { PaymentRepository } from '../../payment.repository';
import { SettlePaymentCommand } from './settle-payment.command';

@Injectable()
export class SettlePaymentUseCase {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly invoices: InvoiceRepository,
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: SettlePaymentCommand): Promise<void> {
    const { settlement } = command;
    await this.transactions.run(async (tx) => {
      const payment = await this.payments.lockForSettlement(tx, settlement.idempotencyKey);
      if (!payment || payment.status !== 'pending') return;
      const scope = tenantScope(payment.tenantId);
      await this.invoices.lock(tx, { ...scope, invoiceId: payment.invoiceId });
      await this.payments.settle(tx, { ...scope, paymentId: payment.id }, settlement.outcome, settlement.failureCode, settlement.at);
      await this.invoices.setPaymentStatus(tx, { ...scope, invoiceId: payment.invoiceId }, settlement.outcome);
      const money = { tenantId: payment.tenantId, invoiceId: payment.invoiceId, amountMinor: toMinorUnits(payment.amount, payment.currency), currency: payment.currency };
      if (settlement.outcome === 'succeeded') await this.outbox.publish(tx, 'InvoicePaid', { ...money, paidAt: settlement.at.toISOString() });
      else await this.outbox.publish(tx, 'InvoiceFailed', { ...money, attempt: payment.attempt, reason: settlement.failureCode ?? 'failed' });
    });
  }
}
