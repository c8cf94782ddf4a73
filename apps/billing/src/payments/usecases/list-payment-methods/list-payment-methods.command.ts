/** The tenant's payment methods (those not detached). */
export class ListPaymentMethodsCommand {
  constructor(readonly tenantId: string) {}
}
