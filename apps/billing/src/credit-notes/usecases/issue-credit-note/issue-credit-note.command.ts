/** Issue a credit note against a finalized invoice. `tenantId` undefined: the platform route by invoice id. */
import { CreditNoteMethod, CreditNoteReason } from '@tenantry/billing-api';

export class IssueCreditNoteCommand {
  constructor(
    readonly invoiceId: string,
    readonly tenantId: string | undefined,
    readonly reason: CreditNoteReason,
    /** A decimal string in the invoice's currency. */
    readonly amount: string,
    readonly method: CreditNoteMethod,
    readonly memo: string | null,
    /** The request's Idempotency-Key; billing makes one up when there is none. */
    readonly idempotencyKey: string | undefined,
  ) {}
}
