/** Make one of the tenant's payment methods the one billing charges. */
export class MakeDefaultPaymentMethodCommand {
  constructor(
    readonly tenantId: string,
    readonly methodId: string,
  ) {}
}
