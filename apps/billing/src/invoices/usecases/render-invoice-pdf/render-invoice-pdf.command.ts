/** The PDF of one invoice; `tenantId` scopes the lookup (another tenant's invoice is not found), undefined for the platform read by id. */
export class RenderInvoicePdfCommand {
  constructor(
    readonly invoiceId: string,
    readonly tenantId: string | undefined,
  ) {}
}
