/** The collection schedule on PostgreSQL (billing.collections). */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { Collection, CollectionRepository } from './collection.repository';

interface Row {
  tenant_id: string;
  invoice_id: string;
  next_attempt_at: Date | null;
  first_failed_at: Date | null;
  failures: number;
}

const COLUMNS = 'tenant_id, invoice_id, next_attempt_at, first_failed_at, failures';
const toCollection = (r: Row): Collection => ({
  tenantId: r.tenant_id, invoiceId: r.invoice_id, nextAttemptAt: r.next_attempt_at && new Date(r.next_attempt_at), firstFailedAt: r.first_failed_at && new Date(r.first_failed_at), failures: r.failures,
});

@Injectable()
export class PostgresCollectionRepository extends CollectionRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async schedule(tx: Transaction, scope: TenantScope & { invoiceId: string }, at: Date): Promise<void> {
    await entityManagerOf(tx).query(`INSERT INTO collections (invoice_id, tenant_id, next_attempt_at, created_at) VALUES ($1, $2, $3, $3) ON CONFLICT (invoice_id) DO NOTHING`, [scope.invoiceId, scope.tenantId, at.toISOString()]);
  }

  override async scheduleMany(tx: Transaction, invoices: readonly (TenantScope & { invoiceId: string })[], at: Date): Promise<void> {
    if (invoices.length === 0) return;
    await entityManagerOf(tx).query(
      `INSERT INTO collections (invoice_id, tenant_id, next_attempt_at, created_at) SELECT i.invoice_id, i.tenant_id, $3, $3 FROM unnest($1::uuid[], $2::uuid[]) AS i(invoice_id, tenant_id)
       ON CONFLICT (invoice_id) DO NOTHING`,
      [invoices.map((i) => i.invoiceId), invoices.map((i) => i.tenantId), at.toISOString()],
    );
  }

  async due(now: Date, limit: number): Promise<{ tenantId: string; invoiceId: string }[]> {
    const rows = (await this.dataSource.query(`SELECT tenant_id, invoice_id FROM collections WHERE next_attempt_at <= $1 ORDER BY next_attempt_at, invoice_id LIMIT $2`, [now.toISOString(), limit])) as Row[];
    return rows.map((r) => ({ tenantId: r.tenant_id, invoiceId: r.invoice_id }));
  }

  async claim(tx: Transaction, scope: TenantScope & { invoiceId: string }, now: Date, leaseUntil: Date): Promise<Collection | undefined> {
    const [rows] = (await entityManagerOf(tx).query(
      `UPDATE collections SET next_attempt_at = $4 WHERE tenant_id = $1 AND invoice_id = $2 AND next_attempt_at <= $3 RETURNING ${COLUMNS}`,
      [scope.tenantId, scope.invoiceId, now.toISOString(), leaseUntil.toISOString()],
    )) as [Row[], number];
    return rows[0] && toCollection(rows[0]);
  }

  async lock(tx: Transaction, scope: TenantScope & { invoiceId: string }): Promise<Collection | undefined> {
    const rows = (await entityManagerOf(tx).query(`SELECT ${COLUMNS} FROM collections WHERE tenant_id = $1 AND invoice_id = $2 FOR UPDATE`, [scope.tenantId, scope.invoiceId])) as Row[];
    return rows[0] && toCollection(rows[0]);
  }

  async update(tx: Transaction, c: Collection): Promise<void> {
    await entityManagerOf(tx).query(`UPDATE collections SET next_attempt_at = $3, first_failed_at = $4, failures = $5 WHERE tenant_id = $1 AND invoice_id = $2`, [
      c.tenantId, c.invoiceId, c.nextAttemptAt?.toISOString() ?? null, c.firstFailedAt?.toISOString() ?? null, c.failures,
    ]);
  }

  async drop(tx: Transaction, scope: TenantScope & { invoiceId: string }): Promise<void> {
    await entityManagerOf(tx).query(`DELETE FROM collections WHERE tenant_id = $1 AND invoice_id = $2`, [scope.tenantId, scope.invoiceId]);
  }
}
