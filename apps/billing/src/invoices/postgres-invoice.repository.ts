/** Invoices on PostgreSQL (billing.invoices, invoice_lines, invoice_numbers). */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { InvoiceStatus, PaymentStatus } from '@tenantry/billing-api';
import { DataSource, EntityManager } from 'typeorm';
import { formatMoney, plainDecimal } from '../money/money';
import { InvoiceAmounts, InvoiceLine, LineKind } from './invoice-calculation';
import { InvoiceRepository } from './invoice.repository';
import { Invoice } from './invoice.row';

interface Row {
  id: string;
  tenant_id: string;
  subscription_id: string;
  period_start: string;
  period_end: string;
  status: InvoiceStatus;
  payment_status: PaymentStatus | null;
  number: string | null;
  currency: string;
  tax_rate: string;
  subtotal: string;
  tax: string;
  total: string;
  plan_id: string;
  plan_version: number;
  billable_from: Date;
  revision: number;
  grace_ends_at: Date;
  finalized_at: Date | null;
  due_at: Date | null;
  voided_at: Date | null;
  void_idempotency_key: string | null;
  created_at: Date;
}

interface LineRow {
  invoice_id: string;
  kind: LineKind;
  description: string;
  plan_id: string | null;
  metric: string | null;
  quantity: string;
  amount: string;
  adjusts_period: string | null;
}

const COLUMNS = `id, tenant_id, subscription_id, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end, status, payment_status, number,
  currency, tax_rate::text AS tax_rate, subtotal::text AS subtotal, tax::text AS tax, total::text AS total, plan_id, plan_version, billable_from, revision, grace_ends_at, finalized_at, due_at, voided_at, void_idempotency_key, created_at`;

const utcDate = (day: string) => new Date(`${day}T00:00:00.000Z`);
const day = (d: Date) => d.toISOString().slice(0, 10);
const date = (d: Date | null) => (d === null ? null : new Date(d));

function toLine(l: LineRow, currency: string): InvoiceLine {
  const line: InvoiceLine = { kind: l.kind, description: l.description, planId: l.plan_id, metric: l.metric, quantity: plainDecimal(l.quantity), amount: formatMoney(l.amount, currency) };
  if (l.adjusts_period !== null) line.adjustsPeriod = l.adjusts_period;
  return line;
}

/** Invoice numbers: INV- and the counter, zero-padded to six digits (wider once past a million). */
export function invoiceNumber(n: number | string): string {
  return `INV-${String(n).padStart(6, '0')}`;
}

@Injectable()
export class PostgresInvoiceRepository extends InvoiceRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async insert(tx: Transaction, invoice: Invoice): Promise<boolean> {
    const em = entityManagerOf(tx);
    const inserted = (await em.query(
      `INSERT INTO invoices (id, tenant_id, subscription_id, period_start, period_end, status, payment_status, number, currency, tax_rate, subtotal, tax, total,
         plan_id, plan_version, billable_from, revision, grace_ends_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'draft', NULL, NULL, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $15, $15)
       ON CONFLICT (subscription_id, period_start) DO NOTHING RETURNING id`,
      [invoice.id, invoice.tenantId, invoice.subscriptionId, day(invoice.periodStart), day(invoice.periodEnd), invoice.currency, invoice.taxRate, invoice.subtotal, invoice.tax, invoice.total,
        invoice.planId, invoice.planVersion, invoice.billableFrom.toISOString(), invoice.graceEndsAt.toISOString(), invoice.createdAt.toISOString()],
    )) as unknown[];
    if (inserted.length === 0) return false;
    await this.insertLines(em, invoice.id, invoice.lines);
    return true;
  }

  override async insertMany(tx: Transaction, invoices: readonly Invoice[]): Promise<Set<string>> {
    if (invoices.length === 0) return new Set();
    const em = entityManagerOf(tx);
    const column = <T>(pick: (i: Invoice) => T) => invoices.map(pick);
    const inserted = (await em.query(
      `INSERT INTO invoices (id, tenant_id, subscription_id, period_start, period_end, status, payment_status, number, currency, tax_rate, subtotal, tax, total,
         plan_id, plan_version, billable_from, revision, grace_ends_at, created_at, updated_at)
       SELECT i.id, i.tenant_id, i.subscription_id, i.period_start, i.period_end, 'draft', NULL, NULL, i.currency, i.tax_rate, i.subtotal, i.tax, i.total,
         i.plan_id, i.plan_version, i.billable_from, 1, i.grace_ends_at, i.created_at, i.created_at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::date[], $5::date[], $6::text[], $7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[], $11::text[], $12::int[],
         $13::timestamptz[], $14::timestamptz[], $15::timestamptz[])
         AS i(id, tenant_id, subscription_id, period_start, period_end, currency, tax_rate, subtotal, tax, total, plan_id, plan_version, billable_from, grace_ends_at, created_at)
       ORDER BY i.subscription_id, i.period_start
       ON CONFLICT (subscription_id, period_start) DO NOTHING RETURNING id`,
      [
        column((i) => i.id), column((i) => i.tenantId), column((i) => i.subscriptionId), column((i) => day(i.periodStart)), column((i) => day(i.periodEnd)), column((i) => i.currency),
        column((i) => i.taxRate), column((i) => i.subtotal), column((i) => i.tax), column((i) => i.total), column((i) => i.planId), column((i) => i.planVersion),
        column((i) => i.billableFrom.toISOString()), column((i) => i.graceEndsAt.toISOString()), column((i) => i.createdAt.toISOString()),
      ],
    )) as { id: string }[];
    const ids = new Set(inserted.map((r) => r.id));
    const lines = invoices.filter((i) => ids.has(i.id)).flatMap((i) => i.lines.map((line, k) => ({ invoiceId: i.id, position: k + 1, line })));
    if (lines.length > 0) {
      await em.query(
        `INSERT INTO invoice_lines (invoice_id, position, kind, description, plan_id, metric, quantity, amount, adjusts_period)
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::numeric[], $9::date[])`,
        [lines.map((l) => l.invoiceId), lines.map((l) => l.position), lines.map((l) => l.line.kind), lines.map((l) => l.line.description), lines.map((l) => l.line.planId), lines.map((l) => l.line.metric),
          lines.map((l) => l.line.quantity), lines.map((l) => l.line.amount), lines.map((l) => l.line.adjustsPeriod ?? null)],
      );
    }
    return ids;
  }

  override async lockMany(tx: Transaction, invoices: readonly (TenantScope & { invoiceId: string })[]): Promise<Invoice[]> {
    if (invoices.length === 0) return [];
    const em = entityManagerOf(tx);
    const rows = (await em.query(
      `SELECT ${COLUMNS} FROM invoices WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[])) ORDER BY id FOR UPDATE`,
      [invoices.map((i) => i.tenantId), invoices.map((i) => i.invoiceId)],
    )) as Row[];
    return this.withLines(em, rows);
  }

  override async finalizeMany(tx: Transaction, invoices: readonly (TenantScope & { invoiceId: string; paymentStatus: 'pending' | null })[], at: Date, dueAt: Date): Promise<string[]> {
    if (invoices.length === 0) return [];
    const em = entityManagerOf(tx);
    // One step of the counter for the whole batch, locked until this transaction ends (see finalize): the numbers commit with their invoices or not at all.
    const [counted] = (await em.query(`UPDATE invoice_numbers SET last_number = last_number + $1 WHERE id = 1 RETURNING last_number::text AS n`, [invoices.length])) as [{ n: string }[], number];
    const last = counted[0];
    if (!last) throw new Error('invoice counter missing');
    const first = BigInt(last.n) - BigInt(invoices.length) + 1n;
    const numbers = invoices.map((_, k) => invoiceNumber((first + BigInt(k)).toString()));
    const updated = (await em.query(
      `UPDATE invoices i SET status = 'finalized', number = u.number, finalized_at = $5, due_at = $6, payment_status = u.payment_status, updated_at = now()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS u(tenant_id, id, number, payment_status)
       WHERE i.tenant_id = u.tenant_id AND i.id = u.id AND i.status = 'draft'`,
      [invoices.map((i) => i.tenantId), invoices.map((i) => i.invoiceId), numbers, invoices.map((i) => i.paymentStatus), at.toISOString(), dueAt.toISOString()],
    )) as [unknown[], number];
    if (updated[1] !== invoices.length) throw new Error(`${invoices.length - updated[1]} of ${invoices.length} invoices to finalize are not drafts`);
    return numbers;
  }

  async setPaymentStatus(tx: Transaction, scope: TenantScope & { invoiceId: string }, status: PaymentStatus): Promise<void> {
    await entityManagerOf(tx).query(`UPDATE invoices SET payment_status = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2 AND status = 'finalized'`, [scope.tenantId, scope.invoiceId, status]);
  }

  async lock(tx: Transaction, scope: TenantScope & { invoiceId: string }): Promise<Invoice | undefined> {
    const em = entityManagerOf(tx);
    const rows = (await em.query(`SELECT ${COLUMNS} FROM invoices WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [scope.tenantId, scope.invoiceId])) as Row[];
    return rows[0] && (await this.withLines(em, rows))[0];
  }

  async revise(tx: Transaction, scope: TenantScope & { invoiceId: string }, taxRate: string, amounts: InvoiceAmounts): Promise<void> {
    const em = entityManagerOf(tx);
    await em.query(`DELETE FROM invoice_lines WHERE invoice_id = (SELECT id FROM invoices WHERE tenant_id = $1 AND id = $2 AND status = 'draft')`, [scope.tenantId, scope.invoiceId]);
    const updated = (await em.query(
      `UPDATE invoices SET tax_rate = $3, subtotal = $4, tax = $5, total = $6, revision = revision + 1, updated_at = now() WHERE tenant_id = $1 AND id = $2 AND status = 'draft' RETURNING id`,
      [scope.tenantId, scope.invoiceId, taxRate, amounts.subtotal, amounts.tax, amounts.total],
    )) as [unknown[], number];
    if (updated[1] !== 1) throw new Error(`invoice ${scope.invoiceId} is not a draft`);
    await this.insertLines(em, scope.invoiceId, amounts.lines);
  }

  async finalize(tx: Transaction, scope: TenantScope & { invoiceId: string }, at: Date, dueAt: Date, paymentStatus: 'pending' | null): Promise<string> {
    const em = entityManagerOf(tx);
    // The counter row stays locked until this transaction ends: a number is used by exactly one committed invoice.
    // (TypeORM answers an UPDATE with [rows, affected].)
    const [counted] = (await em.query(`UPDATE invoice_numbers SET last_number = last_number + 1 WHERE id = 1 RETURNING last_number::text AS n`)) as [{ n: string }[], number];
    const counter = counted[0];
    if (!counter) throw new Error('invoice counter missing');
    const number = invoiceNumber(counter.n);
    const updated = (await em.query(
      `UPDATE invoices SET status = 'finalized', number = $3, finalized_at = $4, due_at = $5, payment_status = $6, updated_at = now() WHERE tenant_id = $1 AND id = $2 AND status = 'draft' RETURNING id`,
      [scope.tenantId, scope.invoiceId, number, at.toISOString(), dueAt.toISOString(), paymentStatus],
    )) as [unknown[], number];
    if (updated[1] !== 1) throw new Error(`invoice ${scope.invoiceId} is not a draft`);
    return number;
  }

  async find(scope: TenantScope & { invoiceId: string }, tx?: Transaction): Promise<Invoice | undefined> {
    const em = tx ? entityManagerOf(tx) : this.dataSource.manager;
    const rows = (await em.query(`SELECT ${COLUMNS} FROM invoices WHERE tenant_id = $1 AND id = $2`, [scope.tenantId, scope.invoiceId])) as Row[];
    return (await this.withLines(em, rows))[0];
  }

  async findById(invoiceId: string): Promise<Invoice | undefined> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM invoices WHERE id = $1`, [invoiceId])) as Row[];
    return (await this.withLines(this.dataSource.manager, rows))[0];
  }

  async list(scope: TenantScope & { status?: InvoiceStatus; limit: number }): Promise<Invoice[]> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM invoices WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY period_start DESC, created_at DESC LIMIT $3`, [
      scope.tenantId,
      scope.status ?? null,
      scope.limit,
    ])) as Row[];
    return this.withLines(this.dataSource.manager, rows);
  }

  async finalizedOfPeriods(tx: Transaction, scope: TenantScope & { subscriptionId: string }, periodStarts: readonly Date[]): Promise<Invoice[]> {
    if (periodStarts.length === 0) return [];
    const em = entityManagerOf(tx);
    const rows = (await em.query(`SELECT ${COLUMNS} FROM invoices WHERE tenant_id = $1 AND subscription_id = $2 AND status = 'finalized' AND period_start = ANY($3::date[]) ORDER BY period_start`, [
      scope.tenantId,
      scope.subscriptionId,
      periodStarts.map(day),
    ])) as Row[];
    return this.withLines(em, rows);
  }

  async adjustmentsFor(tx: Transaction, scope: TenantScope, periodStarts: readonly Date[]): Promise<InvoiceLine[]> {
    if (periodStarts.length === 0) return [];
    const rows = (await entityManagerOf(tx).query(
      `SELECT l.invoice_id, l.kind, l.description, l.plan_id, l.metric, l.quantity::text AS quantity, l.amount::text AS amount, to_char(l.adjusts_period, 'YYYY-MM-DD') AS adjusts_period, i.currency
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
        WHERE i.tenant_id = $1 AND i.status = 'finalized' AND l.kind = 'adjustment' AND l.adjusts_period = ANY($2::date[]) ORDER BY i.finalized_at, l.position`,
      [scope.tenantId, periodStarts.map(day)],
    )) as (LineRow & { currency: string })[];
    return rows.map((l) => toLine(l, l.currency));
  }

  async creditBalance(tx: Transaction, scope: TenantScope): Promise<string> {
    const [row] = (await entityManagerOf(tx).query(
      `SELECT (COALESCE((SELECT sum(amount) FROM credit_notes WHERE tenant_id = $1 AND method = 'credit'), 0)
             + COALESCE((SELECT sum(l.amount) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.tenant_id = $1 AND i.status = 'finalized' AND l.kind = 'credit_applied'), 0))::text AS balance`,
      [scope.tenantId],
    )) as { balance: string }[];
    return plainDecimal(row?.balance ?? '0');
  }

  async creditBalances(tx: Transaction, tenantIds: readonly string[]): Promise<Map<string, string>> {
    const balances = new Map(tenantIds.map((id) => [id, '0']));
    if (tenantIds.length === 0) return balances;
    const rows = (await entityManagerOf(tx).query(
      `SELECT tenant_id, sum(amount)::text AS balance FROM (
         SELECT tenant_id, amount FROM credit_notes WHERE tenant_id = ANY($1::uuid[]) AND method = 'credit'
         UNION ALL
         SELECT i.tenant_id, l.amount FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.tenant_id = ANY($1::uuid[]) AND i.status = 'finalized' AND l.kind = 'credit_applied'
       ) credit GROUP BY tenant_id`,
      [tenantIds],
    )) as { tenant_id: string; balance: string }[];
    for (const row of rows) balances.set(row.tenant_id, plainDecimal(row.balance));
    return balances;
  }

  async void(tx: Transaction, scope: TenantScope & { invoiceId: string }, at: Date, idempotencyKey: string | null): Promise<boolean> {
    const [, affected] = (await entityManagerOf(tx).query(
      `UPDATE invoices SET status = 'voided', voided_at = $3, void_idempotency_key = $4, updated_at = now() WHERE tenant_id = $1 AND id = $2 AND status = 'finalized'`,
      [scope.tenantId, scope.invoiceId, at.toISOString(), idempotencyKey],
    )) as [unknown[], number];
    return affected === 1;
  }

  async drafts(limit: number, afterId?: string): Promise<{ tenantId: string; invoiceId: string }[]> {
    const rows = (await this.dataSource.query(`SELECT tenant_id, id FROM invoices WHERE status = 'draft' AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`, [afterId ?? null, limit])) as {
      tenant_id: string;
      id: string;
    }[];
    return rows.map((r) => ({ tenantId: r.tenant_id, invoiceId: r.id }));
  }

  private async insertLines(em: EntityManager, invoiceId: string, lines: readonly InvoiceLine[]): Promise<void> {
    if (lines.length === 0) return;
    await em.query(
      `INSERT INTO invoice_lines (invoice_id, position, kind, description, plan_id, metric, quantity, amount, adjusts_period)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::numeric[], $9::date[])`,
      [invoiceId, lines.map((_, i) => i + 1), lines.map((l) => l.kind), lines.map((l) => l.description), lines.map((l) => l.planId), lines.map((l) => l.metric), lines.map((l) => l.quantity), lines.map((l) => l.amount),
        lines.map((l) => l.adjustsPeriod ?? null)],
    );
  }

  private async withLines(em: EntityManager, rows: Row[]): Promise<Invoice[]> {
    if (rows.length === 0) return [];
    const lines = (await em.query(`SELECT invoice_id, kind, description, plan_id, metric, quantity::text AS quantity, amount::text AS amount, to_char(adjusts_period, 'YYYY-MM-DD') AS adjusts_period FROM invoice_lines WHERE invoice_id = ANY($1::uuid[]) ORDER BY invoice_id, position`, [
      rows.map((r) => r.id),
    ])) as LineRow[];
    const notes = (await em.query(`SELECT id, invoice_id, number, method, amount::text AS amount FROM credit_notes WHERE invoice_id = ANY($1::uuid[]) ORDER BY number`, [rows.map((r) => r.id)])) as {
      id: string;
      invoice_id: string;
      number: string;
      method: 'credit' | 'refund';
      amount: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      subscriptionId: r.subscription_id,
      periodStart: utcDate(r.period_start),
      periodEnd: utcDate(r.period_end),
      status: r.status,
      paymentStatus: r.payment_status,
      number: r.number,
      currency: r.currency,
      taxRate: plainDecimal(r.tax_rate),
      subtotal: formatMoney(r.subtotal, r.currency),
      tax: formatMoney(r.tax, r.currency),
      total: formatMoney(r.total, r.currency),
      planId: r.plan_id,
      planVersion: r.plan_version,
      billableFrom: new Date(r.billable_from),
      revision: r.revision,
      graceEndsAt: new Date(r.grace_ends_at),
      finalizedAt: date(r.finalized_at),
      dueAt: date(r.due_at),
      voidedAt: date(r.voided_at),
      voidIdempotencyKey: r.void_idempotency_key,
      createdAt: new Date(r.created_at),
      creditNotes: notes.filter((n) => n.invoice_id === r.id).map((n) => ({ id: n.id, number: n.number, method: n.method, amount: formatMoney(n.amount, r.currency) })),
      lines: lines
        .filter((l) => l.invoice_id === r.id)
        .map((l) => toLine(l, r.currency)),
    }));
  }
}
