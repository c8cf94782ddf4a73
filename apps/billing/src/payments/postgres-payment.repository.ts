/** Payment methods and payments on PostgreSQL (billing.payment_methods, billing.payments). */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { PaymentAttemptStatus } from '@tenantry/billing-api';
import { DataSource, EntityManager } from 'typeorm';
import { plainDecimal } from '../money/money';
import { DefaultedMethod, DetachedMethod, PaymentRepository } from './payment.repository';
import { Payment, PaymentMethod } from './payment.row';

interface MethodRow {
  id: string;
  tenant_id: string;
  provider: string;
  provider_token: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  is_default: boolean;
  created_at: Date;
}

interface PaymentRow {
  id: string;
  tenant_id: string;
  invoice_id: string;
  payment_method_id: string;
  idempotency_key: string;
  provider_charge_id: string | null;
  amount: string;
  currency: string;
  status: PaymentAttemptStatus;
  failure_code: string | null;
  attempt: number;
  created_at: Date;
  settled_at: Date | null;
}

const METHOD_COLUMNS = 'id, tenant_id, provider, provider_token, brand, last4, exp_month, exp_year, is_default, created_at';
const PAYMENT_COLUMNS = 'id, tenant_id, invoice_id, payment_method_id, idempotency_key, provider_charge_id, amount::text AS amount, currency, status, failure_code, attempt, created_at, settled_at';

const toMethod = (r: MethodRow): PaymentMethod => ({
  id: r.id, tenantId: r.tenant_id, provider: r.provider, providerToken: r.provider_token, brand: r.brand, last4: r.last4, expMonth: r.exp_month, expYear: r.exp_year, isDefault: r.is_default, createdAt: new Date(r.created_at),
});
const toPayment = (r: PaymentRow): Payment => ({
  id: r.id, tenantId: r.tenant_id, invoiceId: r.invoice_id, paymentMethodId: r.payment_method_id, idempotencyKey: r.idempotency_key, providerChargeId: r.provider_charge_id,
  amount: plainDecimal(r.amount), currency: r.currency, status: r.status, failureCode: r.failure_code, attempt: r.attempt, createdAt: new Date(r.created_at), settledAt: r.settled_at === null ? null : new Date(r.settled_at),
});

@Injectable()
export class PostgresPaymentRepository extends PaymentRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async addMethod(tx: Transaction, method: PaymentMethod, makeDefault: boolean): Promise<DefaultedMethod> {
    const em = entityManagerOf(tx);
    const live = await this.lockLive(em, method.tenantId);
    const previousDefaultId = live.find((m) => m.is_default)?.id ?? null;
    const isDefault = makeDefault || previousDefaultId === null;
    if (isDefault) await em.query(`UPDATE payment_methods SET is_default = false WHERE tenant_id = $1 AND is_default`, [method.tenantId]);
    await em.query(
      `INSERT INTO payment_methods (id, tenant_id, provider, provider_token, brand, last4, exp_month, exp_year, is_default, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [method.id, method.tenantId, method.provider, method.providerToken, method.brand, method.last4, method.expMonth, method.expYear, isDefault, method.createdAt.toISOString()],
    );
    return { method: { ...method, isDefault }, previousDefaultId };
  }

  async methods(scope: TenantScope): Promise<PaymentMethod[]> {
    const rows = (await this.dataSource.query(`SELECT ${METHOD_COLUMNS} FROM payment_methods WHERE tenant_id = $1 AND detached_at IS NULL ORDER BY seq`, [scope.tenantId])) as MethodRow[];
    return rows.map(toMethod);
  }

  async defaultMethod(tx: Transaction, scope: TenantScope): Promise<PaymentMethod | undefined> {
    const rows = (await entityManagerOf(tx).query(`SELECT ${METHOD_COLUMNS} FROM payment_methods WHERE tenant_id = $1 AND detached_at IS NULL AND is_default`, [scope.tenantId])) as MethodRow[];
    return rows[0] && toMethod(rows[0]);
  }

  async makeDefault(tx: Transaction, scope: TenantScope & { methodId: string }): Promise<DefaultedMethod | undefined> {
    const em = entityManagerOf(tx);
    const live = await this.lockLive(em, scope.tenantId);
    const target = live.find((m) => m.id === scope.methodId);
    if (!target) return undefined;
    const previousDefaultId = live.find((m) => m.is_default)?.id ?? null;
    if (!target.is_default) {
      // One default per tenant (a unique index): the old one stops being it first.
      await em.query(`UPDATE payment_methods SET is_default = false WHERE tenant_id = $1 AND is_default`, [scope.tenantId]);
      await em.query(`UPDATE payment_methods SET is_default = true WHERE tenant_id = $1 AND id = $2`, [scope.tenantId, scope.methodId]);
    }
    return { method: toMethod({ ...target, is_default: true }), previousDefaultId };
  }

  async detachMethod(tx: Transaction, scope: TenantScope & { methodId: string }, at: Date): Promise<DetachedMethod | undefined> {
    const em = entityManagerOf(tx);
    const live = await this.lockLive(em, scope.tenantId);
    const target = live.find((m) => m.id === scope.methodId);
    if (!target) return undefined;
    await em.query(`UPDATE payment_methods SET detached_at = $3, is_default = false WHERE tenant_id = $1 AND id = $2`, [scope.tenantId, scope.methodId, at.toISOString()]);
    if (!target.is_default) return { detached: toMethod(target), newDefault: null };
    const [promoted] = (await em.query(
      `UPDATE payment_methods SET is_default = true WHERE id = (SELECT id FROM payment_methods WHERE tenant_id = $1 AND detached_at IS NULL ORDER BY seq LIMIT 1)
         AND NOT EXISTS (SELECT 1 FROM payment_methods WHERE tenant_id = $1 AND detached_at IS NULL AND is_default) RETURNING ${METHOD_COLUMNS}`,
      [scope.tenantId],
    )) as [MethodRow[], number];
    return { detached: toMethod(target), newDefault: promoted[0] ? toMethod(promoted[0]) : null };
  }

  /** The tenant's live methods, locked until `tx` ends: every change of a tenant's methods is serialized on them. */
  private async lockLive(em: EntityManager, tenantId: string): Promise<MethodRow[]> {
    return (await em.query(`SELECT ${METHOD_COLUMNS} FROM payment_methods WHERE tenant_id = $1 AND detached_at IS NULL ORDER BY seq FOR UPDATE`, [tenantId])) as MethodRow[];
  }

  async insert(tx: Transaction, p: Payment): Promise<boolean> {
    const inserted = (await entityManagerOf(tx).query(
      `INSERT INTO payments (id, tenant_id, invoice_id, payment_method_id, idempotency_key, provider_charge_id, amount, currency, status, failure_code, attempt, created_at)
       VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, 'pending', NULL, $8, $9) ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING id`,
      [p.id, p.tenantId, p.invoiceId, p.paymentMethodId, p.idempotencyKey, p.amount, p.currency, p.attempt, p.createdAt.toISOString()],
    )) as unknown[];
    return inserted.length > 0;
  }

  async byIdempotencyKey(scope: TenantScope & { idempotencyKey: string }, tx?: Transaction): Promise<Payment | undefined> {
    const rows = (await this.manager(tx).query(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE tenant_id = $1 AND idempotency_key = $2`, [scope.tenantId, scope.idempotencyKey])) as PaymentRow[];
    return rows[0] && toPayment(rows[0]);
  }

  async lockForSettlement(tx: Transaction, paymentId: string): Promise<Payment | undefined> {
    const rows = (await entityManagerOf(tx).query(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = $1 FOR UPDATE`, [paymentId])) as PaymentRow[];
    return rows[0] && toPayment(rows[0]);
  }

  async ofInvoice(scope: TenantScope & { invoiceId: string }, tx?: Transaction): Promise<Payment[]> {
    const rows = (await this.manager(tx).query(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE tenant_id = $1 AND invoice_id = $2 ORDER BY attempt`, [scope.tenantId, scope.invoiceId])) as PaymentRow[];
    return rows.map(toPayment);
  }

  async recordProviderEvent(tx: Transaction, provider: string, eventId: string, at: Date): Promise<boolean> {
    const rows = (await entityManagerOf(tx).query(`INSERT INTO payment_provider_events (provider, event_id, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`, [
      provider,
      eventId,
      at.toISOString(),
    ])) as unknown[];
    return rows.length === 1;
  }

  async setCharge(scope: TenantScope & { paymentId: string }, providerChargeId: string): Promise<void> {
    await this.dataSource.query(`UPDATE payments SET provider_charge_id = $3 WHERE tenant_id = $1 AND id = $2 AND provider_charge_id IS NULL`, [scope.tenantId, scope.paymentId, providerChargeId]);
  }

  async settle(tx: Transaction, scope: TenantScope & { paymentId: string }, status: 'succeeded' | 'failed', failureCode: string | null, at: Date): Promise<void> {
    await entityManagerOf(tx).query(`UPDATE payments SET status = $3, failure_code = $4, settled_at = $5 WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`, [scope.tenantId, scope.paymentId, status, failureCode, at.toISOString()]);
  }

  private manager(tx?: Transaction): EntityManager | DataSource {
    return tx ? entityManagerOf(tx) : this.dataSource;
  }
}
