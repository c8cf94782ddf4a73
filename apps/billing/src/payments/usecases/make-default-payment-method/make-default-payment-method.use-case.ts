/**
 * Makes one of the tenant's payment methods its default (the previous default stays attached);
 * 404 when the tenant has no such method. Idempotent: the default already answers itself and
 * publishes nothing; otherwise DefaultPaymentMethodChanged commits with the change, through the outbox.
 */
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { defaultPaymentMethodChanged } from '../../payment-method.events';
import { PaymentRepository } from '../../payment.repository';
import { PaymentMethod } from '../../payment.row';
import { PAYMENT_PROBLEMS } from '../../payments.problems';
import { MakeDefaultPaymentMethodCommand } from './make-default-payment-method.command';

@Injectable()
export class MakeDefaultPaymentMethodUseCase {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: MakeDefaultPaymentMethodCommand): Promise<PaymentMethod> {
    const method = await this.transactions.run(async (tx) => {
      const outcome = await this.payments.makeDefault(tx, { ...tenantScope(command.tenantId), methodId: command.methodId });
      if (!outcome) return undefined;
      if (outcome.previousDefaultId !== outcome.method.id) {
        await this.outbox.publishMany(tx, [defaultPaymentMethodChanged(command.tenantId, outcome.method, outcome.previousDefaultId, 'made_default', this.clock.now())]);
      }
      return outcome.method;
    });
    if (!method) throw PAYMENT_PROBLEMS['payment-method-not-found'](`Tenant ${command.tenantId} has no payment method ${command.methodId}`, { paymentMethodId: command.methodId });
    return method;
  }
}
