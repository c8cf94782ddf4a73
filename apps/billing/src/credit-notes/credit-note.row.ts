/** A credit note as billing stores it: immutable once issued (only a refund's progress changes). */
import { CreditNoteMethod, CreditNoteReason } from '@tenantry/billing-api';

export interface CreditNote {
  id: string;
  tenantId: string;
  invoiceId: string;
  /** CN-000001, …: a gapless series of its own. */
  number: string;
  reason: CreditNoteReason;
  memo: string | null;
  amount: string;
  currency: string;
  method: CreditNoteMethod;
  idempotencyKey: string;
  /** Refunds only: pending until the provider took it. */
  refundStatus: 'pending' | 'succeeded' | null;
  providerRefundId: string | null;
  createdAt: Date;
}
