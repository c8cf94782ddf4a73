import { CardInput } from '../../payment-provider';

/** Attach a card to the tenant: the card goes to the provider, billing keeps its token. */
export class AttachPaymentMethodCommand {
  constructor(
    readonly tenantId: string,
    readonly card: CardInput,
    readonly makeDefault: boolean,
  ) {}
}
