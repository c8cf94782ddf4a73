/** Credit notes; every read and write names the tenant. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { CreditNote } from './credit-note.row';

export abstract class CreditNoteRepository {
  /** Takes the next CN- number (gapless: it commits with `tx` or not at all). */
  abstract nextNumber(tx: Transaction): Promise<string>;
  abstract insert(tx: Transaction, note: CreditNote): Promise<void>;
  abstract byIdempotencyKey(scope: TenantScope & { idempotencyKey: string }, tx?: Transaction): Promise<CreditNote | undefined>;
  abstract ofInvoice(scope: TenantScope & { invoiceId: string }, tx?: Transaction): Promise<CreditNote[]>;
  abstract markRefunded(scope: TenantScope & { creditNoteId: string }, providerRefundId: string): Promise<void>;
}
