/**
 * Tokenizes a card at the provider and keeps the token with its brand, last 4 digits and expiry;
 * 402 card-declined when the provider refuses it. PaymentMethodAttached (and DefaultPaymentMethodChanged
 * when it became the default) commit with the row, through the outbox.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OutboundEvent, OutboxWriter } from '@tenantry/messaging';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { CardDeclinedError, PaymentProvider } from '../../payment-provider';
import { defaultPaymentMethodChanged, paymentMethodAttached } from '../../payment-method.events';
import { PaymentRepository } from '../../payment.repository';
import { PaymentMethod } from '../../payment.row';
import { PAYMENT_PROBLEMS } from '../../payments.problems';
import { AttachPaymentMethodCommand } from './attach-payment-method.command';

@Injectable()
export class AttachPaymentMethodUseCase {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly provider: PaymentProvider,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: AttachPaymentMethodCommand): Promise<PaymentMethod> {
    let card;
    try {
      card = await this.provider.tokenize(command.card);
    } catch (error) {
      if (error instanceof CardDeclinedError) throw PAYMENT_PROBLEMS['card-declined']('The payment provider declined the card', { declineCode: error.code });
      throw error;
    }
    const method: PaymentMethod = {
      id: randomUUID(), tenantId: command.tenantId, provider: this.provider.name, providerToken: card.token, brand: card.brand, last4: card.last4,
      expMonth: card.expMonth, expYear: card.expYear, isDefault: false, createdAt: this.clock.now(),
    };
    return this.transactions.run(async (tx) => {
      const added = await this.payments.addMethod(tx, method, command.makeDefault);
      const events: OutboundEvent[] = [paymentMethodAttached(added.method)];
      if (added.method.isDefault) events.push(defaultPaymentMethodChanged(method.tenantId, added.method, added.previousDefaultId, 'attached', method.createdAt));
      await this.outbox.publishMany(tx, events);
      return added.method;
    });
  }
}
