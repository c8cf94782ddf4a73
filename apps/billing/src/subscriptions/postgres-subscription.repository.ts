/** Subscriptions on PostgreSQL (billing.billing_accounts, subscriptions, subscription_changes). */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { SubscriptionStatus } from '@tenantry/billing-api';
import { DataSource } from 'typeorm';
import { plainDecimal } from '../money/money';
import { SubscriptionRepository } from './subscription.repository';
import { BillingAccount, ChangeKind, Subscription, SubscriptionChange, SubscriptionWithAccount } from './subscription.row';

interface Row {
  id: string;
  tenant_id: string;
  plan_id: string;
  plan_version: number;
  status: SubscriptionStatus;
  started_at: Date;
  trial_ends_at: Date | null;
  current_period_start: string;
  pending_plan_id: string | null;
  pending_plan_version: number | null;
  version: number;
  name: string;
  currency: string;
  tax_rate: string;
}

const SELECT = `SELECT s.id, s.tenant_id, s.plan_id, s.plan_version, s.status, s.started_at, s.trial_ends_at, to_char(s.current_period_start, 'YYYY-MM-DD') AS current_period_start,
  s.pending_plan_id, s.pending_plan_version, s.version, a.name, a.currency, a.tax_rate::text AS tax_rate
  FROM subscriptions s JOIN billing_accounts a ON a.tenant_id = s.tenant_id`;

function toSubscription(row: Row): SubscriptionWithAccount {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    planId: row.plan_id,
    planVersion: row.plan_version,
    status: row.status,
    startedAt: new Date(row.started_at),
    trialEndsAt: row.trial_ends_at && new Date(row.trial_ends_at),
    currentPeriodStart: new Date(`${row.current_period_start}T00:00:00.000Z`),
    pendingPlanId: row.pending_plan_id,
    pendingPlanVersion: row.pending_plan_version,
    version: row.version,
    account: { tenantId: row.tenant_id, name: row.name, currency: row.currency, taxRate: plainDecimal(row.tax_rate) },
  };
}

interface ChangeRow {
  subscription_id: string;
  tenant_id: string;
  kind: ChangeKind;
  at: Date;
  from_plan_id: string | null;
  from_plan_version: number | null;
  to_plan_id: string;
  to_plan_version: number;
}

function toChange(r: ChangeRow): SubscriptionChange {
  return {
    subscriptionId: r.subscription_id,
    tenantId: r.tenant_id,
    kind: r.kind,
    at: new Date(r.at),
    fromPlanId: r.from_plan_id,
    fromPlanVersion: r.from_plan_version,
    toPlanId: r.to_plan_id,
    toPlanVersion: r.to_plan_version,
  };
}

@Injectable()
export class PostgresSubscriptionRepository extends SubscriptionRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async create(tx: Transaction, account: BillingAccount, subscription: Subscription, created: SubscriptionChange): Promise<boolean> {
    const em = entityManagerOf(tx);
    const at = created.at.toISOString();
    const inserted = (await em.query(
      `INSERT INTO billing_accounts (tenant_id, name, currency, tax_rate, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (tenant_id) DO NOTHING RETURNING tenant_id`,
      [account.tenantId, account.name, account.currency, account.taxRate, at],
    )) as unknown[];
    if (inserted.length === 0) return false;
    await em.query(
      `INSERT INTO subscriptions (id, tenant_id, plan_id, plan_version, status, started_at, trial_ends_at, current_period_start, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9)`,
      [subscription.id, subscription.tenantId, subscription.planId, subscription.planVersion, subscription.status, subscription.startedAt.toISOString(), subscription.trialEndsAt?.toISOString() ?? null, subscription.currentPeriodStart.toISOString().slice(0, 10), at],
    );
    await this.addChange(tx, created);
    return true;
  }

  async find(scope: TenantScope, tx?: Transaction): Promise<SubscriptionWithAccount | undefined> {
    const rows = (await (tx ? entityManagerOf(tx) : this.dataSource).query(`${SELECT} WHERE s.tenant_id = $1`, [scope.tenantId])) as Row[];
    return rows[0] && toSubscription(rows[0]);
  }

  async lock(tx: Transaction, scope: TenantScope): Promise<SubscriptionWithAccount | undefined> {
    const rows = (await entityManagerOf(tx).query(`${SELECT} WHERE s.tenant_id = $1 FOR UPDATE OF s`, [scope.tenantId])) as Row[];
    return rows[0] && toSubscription(rows[0]);
  }

  override async lockMany(tx: Transaction, tenantIds: readonly string[]): Promise<SubscriptionWithAccount[]> {
    if (tenantIds.length === 0) return [];
    const rows = (await entityManagerOf(tx).query(`${SELECT} WHERE s.tenant_id = ANY($1::uuid[]) ORDER BY s.tenant_id FOR UPDATE OF s`, [tenantIds])) as Row[];
    return rows.map(toSubscription);
  }

  override async findMany(tenantIds: readonly string[], tx?: Transaction): Promise<SubscriptionWithAccount[]> {
    if (tenantIds.length === 0) return [];
    const rows = (await (tx ? entityManagerOf(tx) : this.dataSource).query(`${SELECT} WHERE s.tenant_id = ANY($1::uuid[])`, [tenantIds])) as Row[];
    return rows.map(toSubscription);
  }

  override async saveMany(tx: Transaction, subscriptions: readonly Subscription[]): Promise<void> {
    if (subscriptions.length === 0) return;
    const column = <T>(pick: (s: Subscription) => T) => subscriptions.map(pick);
    await entityManagerOf(tx).query(
      `UPDATE subscriptions s SET plan_id = u.plan_id, plan_version = u.plan_version, status = u.status, trial_ends_at = u.trial_ends_at, current_period_start = u.current_period_start,
         pending_plan_id = u.pending_plan_id, pending_plan_version = u.pending_plan_version, version = s.version + 1, updated_at = now()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::timestamptz[], $7::date[], $8::text[], $9::int[])
         AS u(tenant_id, id, plan_id, plan_version, status, trial_ends_at, current_period_start, pending_plan_id, pending_plan_version)
       WHERE s.tenant_id = u.tenant_id AND s.id = u.id`,
      [
        column((s) => s.tenantId), column((s) => s.id), column((s) => s.planId), column((s) => s.planVersion), column((s) => s.status), column((s) => s.trialEndsAt?.toISOString() ?? null),
        column((s) => s.currentPeriodStart.toISOString().slice(0, 10)), column((s) => s.pendingPlanId), column((s) => s.pendingPlanVersion),
      ],
    );
  }

  override async changesOf(tenantIds: readonly string[], tx?: Transaction): Promise<Map<string, SubscriptionChange[]>> {
    const byTenant = new Map<string, SubscriptionChange[]>(tenantIds.map((id) => [id, []]));
    if (tenantIds.length === 0) return byTenant;
    const rows = (await (tx ? entityManagerOf(tx) : this.dataSource).query(
      `SELECT subscription_id, tenant_id, kind, at, from_plan_id, from_plan_version, to_plan_id, to_plan_version FROM subscription_changes WHERE tenant_id = ANY($1::uuid[]) ORDER BY at, id`,
      [tenantIds],
    )) as ChangeRow[];
    for (const r of rows) byTenant.get(r.tenant_id)?.push(toChange(r));
    return byTenant;
  }

  async save(tx: Transaction, s: Subscription): Promise<void> {
    await entityManagerOf(tx).query(
      `UPDATE subscriptions SET plan_id = $3, plan_version = $4, status = $5, trial_ends_at = $6, current_period_start = $7, pending_plan_id = $8, pending_plan_version = $9,
         version = version + 1, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
      [s.tenantId, s.id, s.planId, s.planVersion, s.status, s.trialEndsAt?.toISOString() ?? null, s.currentPeriodStart.toISOString().slice(0, 10), s.pendingPlanId, s.pendingPlanVersion],
    );
  }

  async setTaxRate(tx: Transaction, scope: TenantScope, taxRate: string): Promise<void> {
    await entityManagerOf(tx).query(`UPDATE billing_accounts SET tax_rate = $2, updated_at = now() WHERE tenant_id = $1`, [scope.tenantId, taxRate]);
  }

  async addChange(tx: Transaction, c: SubscriptionChange): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO subscription_changes (subscription_id, tenant_id, kind, at, from_plan_id, from_plan_version, to_plan_id, to_plan_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [c.subscriptionId, c.tenantId, c.kind, c.at.toISOString(), c.fromPlanId, c.fromPlanVersion, c.toPlanId, c.toPlanVersion],
    );
  }

  async dropScheduledDowngrades(tx: Transaction, scope: TenantScope, after: Date): Promise<void> {
    await entityManagerOf(tx).query(`DELETE FROM subscription_changes WHERE tenant_id = $1 AND kind = 'downgrade' AND at > $2`, [scope.tenantId, after.toISOString()]);
  }

  async changes(scope: TenantScope, tx?: Transaction): Promise<SubscriptionChange[]> {
    const rows = (await (tx ? entityManagerOf(tx) : this.dataSource).query(
      `SELECT subscription_id, tenant_id, kind, at, from_plan_id, from_plan_version, to_plan_id, to_plan_version FROM subscription_changes WHERE tenant_id = $1 ORDER BY at, id`,
      [scope.tenantId],
    )) as ChangeRow[];
    return rows.map(toChange);
  }

  async due(periodStart: Date, limit: number, afterTenantId?: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT tenant_id FROM subscriptions WHERE current_period_start < $1 AND status <> 'canceled' AND ($2::uuid IS NULL OR tenant_id > $2) ORDER BY tenant_id LIMIT $3`,
      [periodStart.toISOString().slice(0, 10), afterTenantId ?? null, limit],
    )) as { tenant_id: string }[];
    return rows.map((r) => r.tenant_id);
  }

  async endedTrials(now: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT tenant_id FROM subscriptions WHERE status = 'trialing' AND trial_ends_at <= $1 ORDER BY trial_ends_at, tenant_id LIMIT $2`, [
      now.toISOString(),
      limit,
    ])) as { tenant_id: string }[];
    return rows.map((r) => r.tenant_id);
  }

  async endingTrials(now: Date, until: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT s.tenant_id FROM subscriptions s
        WHERE s.status = 'trialing' AND s.trial_ends_at > $1 AND s.trial_ends_at <= $2
          AND NOT EXISTS (SELECT 1 FROM trial_ending_notices n WHERE n.subscription_id = s.id AND n.trial_ends_at = s.trial_ends_at)
        ORDER BY s.trial_ends_at, s.tenant_id LIMIT $3`,
      [now.toISOString(), until.toISOString(), limit],
    )) as { tenant_id: string }[];
    return rows.map((r) => r.tenant_id);
  }

  async recordTrialEndingNotice(tx: Transaction, notice: { subscriptionId: string; tenantId: string; trialEndsAt: Date; at: Date }): Promise<boolean> {
    const rows = (await entityManagerOf(tx).query(
      `INSERT INTO trial_ending_notices (subscription_id, trial_ends_at, tenant_id, published_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
      [notice.subscriptionId, notice.trialEndsAt.toISOString(), notice.tenantId, notice.at.toISOString()],
    )) as unknown[];
    return rows.length > 0;
  }

  async hasPaymentMethod(tx: Transaction, scope: TenantScope): Promise<boolean> {
    const rows = (await entityManagerOf(tx).query(`SELECT 1 FROM payment_methods WHERE tenant_id = $1 AND detached_at IS NULL LIMIT 1`, [scope.tenantId])) as unknown[];
    return rows.length > 0;
  }
}
