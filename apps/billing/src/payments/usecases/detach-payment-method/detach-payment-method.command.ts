/** Detach one of the tenant's payment methods. */
export class DetachPaymentMethodCommand {
  constructor(
    readonly tenantId: string,
    readonly methodId: string,
  ) {}
}
