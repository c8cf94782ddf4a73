/**
 * Delivers the provider's charge confirmations to SettlePaymentUseCase. The sandbox confirms
 * in-process and asynchronously; a real provider's adapter would verify its signed webhook and make
 * the same call.
 */
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { LOGGER } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { PaymentProvider } from './payment-provider';
import { SettlePaymentCommand } from './usecases/settle-payment/settle-payment.command';
import { SettlePaymentUseCase } from './usecases/settle-payment/settle-payment.use-case';

@Injectable()
export class PaymentSettlementsListener implements OnModuleInit {
  constructor(
    private readonly provider: PaymentProvider,
    private readonly settle: SettlePaymentUseCase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.provider.onSettled(async (settlement) => {
      await this.settle.execute(new SettlePaymentCommand(settlement));
      this.logger.info({ paymentId: settlement.idempotencyKey, chargeId: settlement.chargeId, outcome: settlement.outcome, failureCode: settlement.failureCode }, 'payment settled');
    });
  }
}
