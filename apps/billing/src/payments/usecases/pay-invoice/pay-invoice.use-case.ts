/**
 * Starts a charge of a finalized, unpaid invoice to the tenant's default payment method. With the
 * invoice row locked: a payment with the same idempotency key is that payment again (never a
 * second charge); otherwise a new attempt is recorded (one pending per invoice at most) and, after
 * commit, handed to the provider with the payment id as the provider's idempotency key — so a
 * retried hand-over is the same charge there too. The outcome arrives later (SettlePaymentUseCase).
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { invoiceNotFound } from '../../../invoices/invoices.problems';
import { InvoiceRepository } from '../../../invoices/invoice.repository';
import { toMinorUnits } from '../../../money/money';
import { PaymentProvider } from '../../payment-provider';
import { PaymentRepository } from '../../payment.repository';
import { Payment, PaymentMethod } from '../../payment.row';
import { PAYMENT_PROBLEMS } from '../../payments.problems';
import { PayInvoiceCommand } from './pay-invoice.command';

@Injectable()
export class PayInvoiceUseCase {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly payments: PaymentRepository,
    private readonly provider: PaymentProvider,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(command: PayInvoiceCommand): Promise<{ payment: Payment; created: boolean }> {
    const tenantId = command.tenantId ?? (await this.invoices.findById(command.invoiceId))?.tenantId;
    if (tenantId === undefined) throw invoiceNotFound(command.invoiceId);
    const scope = { ...tenantScope(tenantId), invoiceId: command.invoiceId };

    const { payment, method, created } = await this.transactions.run(async (tx) => {
      const invoice = await this.invoices.lock(tx, scope);
      if (!invoice) throw invoiceNotFound(command.invoiceId);
      if (command.idempotencyKey !== undefined) {
        const earlier = await this.payments.byIdempotencyKey({ ...tenantScope(tenantId), idempotencyKey: command.idempotencyKey }, tx);
        if (earlier && earlier.invoiceId !== invoice.id) throw PAYMENT_PROBLEMS['idempotency-key-reused'](`Idempotency-Key ${command.idempotencyKey} was used to pay invoice ${earlier.invoiceId}`, { invoiceId: earlier.invoiceId });
        if (earlier) return { payment: earlier, method: undefined, created: false };
      }
      if (invoice.status !== 'finalized' || (invoice.paymentStatus !== 'pending' && invoice.paymentStatus !== 'failed')) {
        const why = invoice.status !== 'finalized' ? `it is ${invoice.status}` : invoice.paymentStatus === 'succeeded' ? 'it is paid' : 'it has nothing to pay';
        throw PAYMENT_PROBLEMS['invoice-not-payable'](`Invoice ${invoice.id} cannot be paid: ${why}`, { invoiceId: invoice.id, invoiceStatus: invoice.status, paymentStatus: invoice.paymentStatus });
      }
      const attempts = await this.payments.ofInvoice(scope, tx);
      if (attempts.some((a) => a.status === 'pending')) throw PAYMENT_PROBLEMS['payment-in-progress'](`A payment of invoice ${invoice.id} is waiting for the provider`, { invoiceId: invoice.id });
      const method = await this.payments.defaultMethod(tx, scope);
      if (!method) throw PAYMENT_PROBLEMS['no-payment-method'](`Tenant ${tenantId} has no payment method to charge`, { tenantId });
      const attempt = attempts.length + 1;
      const payment: Payment = {
        id: randomUUID(), tenantId, invoiceId: invoice.id, paymentMethodId: method.id, idempotencyKey: command.idempotencyKey ?? `invoice-${invoice.id}-attempt-${attempt}`,
        providerChargeId: null, amount: invoice.total, currency: invoice.currency, status: 'pending', failureCode: null, attempt, createdAt: this.clock.now(), settledAt: null,
      };
      await this.payments.insert(tx, payment);
      return { payment, method, created: true };
    });

    if (created) await this.handOver(payment, method as PaymentMethod);
    return { payment, created };
  }

  private async handOver(payment: Payment, method: PaymentMethod): Promise<void> {
    const { chargeId } = await this.provider.charge({ token: method.providerToken, amountMinor: toMinorUnits(payment.amount, payment.currency), currency: payment.currency, idempotencyKey: payment.id });
    await this.payments.setCharge({ ...tenantScope(payment.tenantId), paymentId: payment.id }, chargeId);
  }
}
