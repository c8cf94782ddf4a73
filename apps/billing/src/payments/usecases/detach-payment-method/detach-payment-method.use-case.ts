/** Detaches a payment method of the tenant (the oldest remaining becomes the default if it was); 404 when the tenant has no such method. */
import { Injectable } from '@nestjs/common';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { PaymentRepository } from '../../payment.repository';
import { PAYMENT_PROBLEMS } from '../../payments.problems';
import { DetachPaymentMethodCommand } from './detach-payment-method.command';

@Injectable()
export class DetachPaymentMethodUseCase {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(command: DetachPaymentMethodCommand): Promise<void> {
    const detached = await this.transactions.run((tx) => this.payments.detachMethod(tx, { ...tenantScope(command.tenantId), methodId: command.methodId }, this.clock.now()));
    if (!detached) throw PAYMENT_PROBLEMS['payment-method-not-found'](`Tenant ${command.tenantId} has no payment method ${command.methodId}`, { paymentMethodId: command.methodId });
  }
}
