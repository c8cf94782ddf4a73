/** One invoice: of the named tenant (tenant-scoped), or of any tenant (platform read) when tenantId is undefined. */
export class GetInvoiceCommand {
  constructor(
    readonly invoiceId: string,
    readonly tenantId: string | undefined,
  ) {}
}
