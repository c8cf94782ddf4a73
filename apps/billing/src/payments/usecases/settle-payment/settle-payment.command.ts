import { ChargeSettlement } from '../../payment-provider';

/** The provider's confirmation of a charge (its idempotency key is billing's payment id), from the callback event `event` of `provider`. */
export class SettlePaymentCommand {
  constructor(
    readonly settlement: ChargeSettlement,
    readonly event: { provider: string; eventId: string },
  ) {}
}
