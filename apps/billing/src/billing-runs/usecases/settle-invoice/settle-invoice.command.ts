/** Recompute a draft and finalize it once its grace window is over. */
export class SettleInvoiceCommand {
  constructor(
    readonly tenantId: string,
    readonly invoiceId: string,
    readonly now: Date,
  ) {}
}
