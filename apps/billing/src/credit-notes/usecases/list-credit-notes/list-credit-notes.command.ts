/** The credit notes of an invoice. `tenantId` undefined: the platform route by invoice id. */
export class ListCreditNotesCommand {
  constructor(
    readonly invoiceId: string,
    readonly tenantId: string | undefined,
  ) {}
}
