/**
 * A payment provider's callback: verified by the provider's adapter (signature over the exact body,
 * timestamp within BILLING_PROVIDER_WEBHOOK_TOLERANCE_SECONDS of the injected clock), then applied
 * by SettlePaymentUseCase once per provider event id. Not the provider's (no, a wrong or a stale
 * signature): 401 `callback-signature-invalid` and nothing changes; signed but not an event billing
 * knows: 400 `callback-malformed`. The answer says whether the event was applied or seen before, so
 * a provider re-sending it gets a 200 either way and stops.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Clock, LOGGER } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { CallbackMalformedError, CallbackRejectedError, PaymentProvider, ProviderEvent } from '../../payment-provider';
import { PAYMENT_PROBLEMS } from '../../payments.problems';
import { SettlePaymentCommand } from '../settle-payment/settle-payment.command';
import { SettlePaymentUseCase } from '../settle-payment/settle-payment.use-case';
import { ReceiveProviderCallbackCommand } from './receive-provider-callback.command';

@Injectable()
export class ReceiveProviderCallbackUseCase {
  constructor(
    private readonly provider: PaymentProvider,
    private readonly settle: SettlePaymentUseCase,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: ReceiveProviderCallbackCommand): Promise<{ eventId: string; outcome: 'settled' | 'duplicate' | 'ignored' }> {
    if (command.provider !== this.provider.name) throw PAYMENT_PROBLEMS['payment-provider-not-found'](`No payment provider ${command.provider} is configured (it is ${this.provider.name})`);
    let event: ProviderEvent;
    try {
      event = this.provider.readCallback({ headers: command.headers, rawBody: command.rawBody }, this.clock.now());
    } catch (error) {
      if (error instanceof CallbackRejectedError) {
        this.logger.warn({ provider: command.provider, reason: error.reason }, 'payment provider callback refused');
        throw PAYMENT_PROBLEMS['callback-signature-invalid'](`The callback is refused: ${error.message}`, { reason: error.reason });
      }
      if (error instanceof CallbackMalformedError) throw PAYMENT_PROBLEMS['callback-malformed'](`The callback is refused: ${error.message}`);
      throw error;
    }
    const outcome = await this.settle.execute(new SettlePaymentCommand(event.settlement, { provider: command.provider, eventId: event.eventId }));
    this.logger.info({ eventId: event.eventId, paymentId: event.settlement.idempotencyKey, chargeId: event.settlement.chargeId, result: event.settlement.outcome, outcome }, 'payment provider callback');
    return { eventId: event.eventId, outcome };
  }
}
