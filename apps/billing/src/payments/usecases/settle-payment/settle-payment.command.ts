import { ChargeSettlement } from '../../payment-provider';

/** The provider's confirmation of a charge (its idempotency key is billing's payment id). */
export class SettlePaymentCommand {
  constructor(readonly settlement: ChargeSettlement) {}
}
