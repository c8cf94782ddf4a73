/**
 * Detaches a payment method of the tenant (the oldest remaining becomes the default if it was); 404
 * when the tenant has no such method. PaymentMethodRemoved (and DefaultPaymentMethodChanged when it
 * was the default) commit with the change, through the outbox.
 */
import { Injectable } from '@nestjs/common';
import { OutboundEvent, OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { defaultPaymentMethodChanged, paymentMethodRemoved } from '../../payment-method.events';
import { PaymentRepository } from '../../payment.repository';
import { PAYMENT_PROBLEMS } from '../../payments.problems';
import { DetachPaymentMethodCommand } from './detach-payment-method.command';

@Injectable()
export class DetachPaymentMethodUseCase {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: DetachPaymentMethodCommand): Promise<void> {
    const now = this.clock.now();
    const detached = await this.transactions.run(async (tx) => {
      const outcome = await this.payments.detachMethod(tx, { ...tenantScope(command.tenantId), methodId: command.methodId }, now);
      if (!outcome) return false;
      const events: OutboundEvent[] = [paymentMethodRemoved(outcome.detached, outcome.newDefault, now)];
      if (outcome.detached.isDefault) events.push(defaultPaymentMethodChanged(command.tenantId, outcome.newDefault, outcome.detached.id, 'removed', now));
      await this.outbox.publishMany(tx, events);
      return true;
    });
    if (!detached) throw PAYMENT_PROBLEMS['payment-method-not-found'](`Tenant ${command.tenantId} has no payment method ${command.methodId}`, { paymentMethodId: command.methodId });
  }
}
