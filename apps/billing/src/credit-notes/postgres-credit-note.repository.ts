/** Credit notes on PostgreSQL (billing.credit_notes, credit_note_numbers). */
import { Injectable } from '@nestjs/common';
import { CreditNoteMethod, CreditNoteReason } from '@tenantry/billing-api';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { formatMoney } from '../money/money';
import { CreditNoteRepository } from './credit-note.repository';
import { CreditNote } from './credit-note.row';

interface Row {
  id: string;
  tenant_id: string;
  invoice_id: string;
  number: string;
  reason: CreditNoteReason;
  memo: string | null;
  amount: string;
  currency: string;
  method: CreditNoteMethod;
  idempotency_key: string;
  refund_status: 'pending' | 'succeeded' | null;
  provider_refund_id: string | null;
  created_at: Date;
}

const COLUMNS = 'id, tenant_id, invoice_id, number, reason, memo, amount::text AS amount, currency, method, idempotency_key, refund_status, provider_refund_id, created_at';

/** Credit note numbers: CN- and the counter, zero-padded to six digits. */
export function creditNoteNumber(n: number | string): string {
  return `CN-${String(n).padStart(6, '0')}`;
}

function toCreditNote(r: Row): CreditNote {
  return {
    id: r.id, tenantId: r.tenant_id, invoiceId: r.invoice_id, number: r.number, reason: r.reason, memo: r.memo, amount: formatMoney(r.amount, r.currency), currency: r.currency, method: r.method,
    idempotencyKey: r.idempotency_key, refundStatus: r.refund_status, providerRefundId: r.provider_refund_id, createdAt: new Date(r.created_at),
  };
}

@Injectable()
export class PostgresCreditNoteRepository extends CreditNoteRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async nextNumber(tx: Transaction): Promise<string> {
    // The counter row stays locked until the transaction ends: a number belongs to exactly one committed credit note.
    const [counted] = (await entityManagerOf(tx).query(`UPDATE credit_note_numbers SET last_number = last_number + 1 WHERE id = 1 RETURNING last_number::text AS n`)) as [{ n: string }[], number];
    const counter = counted[0];
    if (!counter) throw new Error('credit note counter missing');
    return creditNoteNumber(counter.n);
  }

  async insert(tx: Transaction, note: CreditNote): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO credit_notes (id, tenant_id, invoice_id, number, reason, memo, amount, currency, method, idempotency_key, refund_status, provider_refund_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [note.id, note.tenantId, note.invoiceId, note.number, note.reason, note.memo, note.amount, note.currency, note.method, note.idempotencyKey, note.refundStatus, note.providerRefundId, note.createdAt.toISOString()],
    );
  }

  async byIdempotencyKey(scope: TenantScope & { idempotencyKey: string }, tx?: Transaction): Promise<CreditNote | undefined> {
    const em = tx ? entityManagerOf(tx) : this.dataSource.manager;
    const rows = (await em.query(`SELECT ${COLUMNS} FROM credit_notes WHERE tenant_id = $1 AND idempotency_key = $2`, [scope.tenantId, scope.idempotencyKey])) as Row[];
    return rows[0] && toCreditNote(rows[0]);
  }

  async ofInvoice(scope: TenantScope & { invoiceId: string }, tx?: Transaction): Promise<CreditNote[]> {
    const em = tx ? entityManagerOf(tx) : this.dataSource.manager;
    const rows = (await em.query(`SELECT ${COLUMNS} FROM credit_notes WHERE tenant_id = $1 AND invoice_id = $2 ORDER BY number`, [scope.tenantId, scope.invoiceId])) as Row[];
    return rows.map(toCreditNote);
  }

  async markRefunded(scope: TenantScope & { creditNoteId: string }, providerRefundId: string): Promise<void> {
    await this.dataSource.query(`UPDATE credit_notes SET refund_status = 'succeeded', provider_refund_id = $3 WHERE tenant_id = $1 AND id = $2 AND method = 'refund'`, [scope.tenantId, scope.creditNoteId, providerRefundId]);
  }
}
