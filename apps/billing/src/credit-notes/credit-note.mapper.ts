/** Credit notes as the API answers them. */
import { CreditNoteListDto, CreditNoteViewDto } from '@tenantry/billing-api';
import { CreditNote } from './credit-note.row';

export function toCreditNoteView(n: CreditNote): CreditNoteViewDto {
  return {
    id: n.id, tenantId: n.tenantId, invoiceId: n.invoiceId, number: n.number, reason: n.reason, memo: n.memo, amount: n.amount, currency: n.currency, method: n.method, refundStatus: n.refundStatus,
    idempotencyKey: n.idempotencyKey, createdAt: n.createdAt.toISOString(),
  };
}

export function toCreditNoteList(notes: CreditNote[], remainingCreditable: string): CreditNoteListDto {
  return { creditNotes: notes.map(toCreditNoteView), remainingCreditable };
}
