import { InvoiceStatus } from '@tenantry/billing-api';

/** A tenant's invoices, newest period first. */
export class ListInvoicesCommand {
  constructor(
    readonly tenantId: string,
    readonly status: InvoiceStatus | undefined,
    readonly limit: number,
  ) {}
}
