/** Void a finalized, unpaid invoice. `tenantId` undefined: the platform route by invoice id. */
export class VoidInvoiceCommand {
  constructor(
    readonly invoiceId: string,
    readonly tenantId: string | undefined,
    /** The request's Idempotency-Key: the same key again answers the voided invoice. */
    readonly idempotencyKey: string | undefined,
  ) {}
}
