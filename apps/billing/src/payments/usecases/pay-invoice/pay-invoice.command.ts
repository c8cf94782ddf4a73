/** Charge a finalized invoice to the tenant's default payment method. `tenantId` undefined: the platform route by invoice id. */
export class PayInvoiceCommand {
  constructor(
    readonly invoiceId: string,
    readonly tenantId: string | undefined,
    /** The request's Idempotency-Key; billing makes one up per attempt when there is none. */
    readonly idempotencyKey: string | undefined,
  ) {}
}
