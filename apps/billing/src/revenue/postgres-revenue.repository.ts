/** Revenue reads on PostgreSQL (billing.subscriptions, billing_accounts, subscription_changes, plan_versions, invoices). */
import { Injectable } from '@nestjs/common';
import { TenantScope } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { plainDecimal } from '../money/money';
import { ChangeKind } from '../subscriptions/subscription.row';
import { RevenueSubscription } from './mrr-movements';
import { priceKey, RevenueRepository, UnpaidInvoices } from './revenue.repository';

interface Row {
  subscription_id: string;
  tenant_id: string;
  currency: string;
  trial_ends_at: Date | null;
  kind: ChangeKind;
  at: Date;
  from_plan_id: string | null;
  from_plan_version: number | null;
  to_plan_id: string;
  to_plan_version: number;
}

@Injectable()
export class PostgresRevenueRepository extends RevenueRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async subscriptions(before: Date): Promise<RevenueSubscription[]> {
    const rows = (await this.dataSource.query(
      `SELECT s.id AS subscription_id, s.tenant_id, a.currency, s.trial_ends_at, c.kind, c.at, c.from_plan_id, c.from_plan_version, c.to_plan_id, c.to_plan_version
         FROM subscriptions s JOIN billing_accounts a ON a.tenant_id = s.tenant_id JOIN subscription_changes c ON c.subscription_id = s.id
        WHERE s.started_at < $1
        ORDER BY s.tenant_id, c.at, c.id`,
      [before.toISOString()],
    )) as Row[];
    const byTenant = new Map<string, RevenueSubscription & { changes: RevenueSubscription['changes'][number][] }>();
    for (const r of rows) {
      let subscription = byTenant.get(r.tenant_id);
      if (!subscription) {
        subscription = { tenantId: r.tenant_id, currency: r.currency.trim(), trialEndsAt: r.trial_ends_at && new Date(r.trial_ends_at), changes: [] };
        byTenant.set(r.tenant_id, subscription);
      }
      subscription.changes.push({
        subscriptionId: r.subscription_id,
        tenantId: r.tenant_id,
        kind: r.kind,
        at: new Date(r.at),
        fromPlanId: r.from_plan_id,
        fromPlanVersion: r.from_plan_version,
        toPlanId: r.to_plan_id,
        toPlanVersion: r.to_plan_version,
      });
    }
    return [...byTenant.values()];
  }

  async monthlyPrices(): Promise<Map<string, string>> {
    const rows = (await this.dataSource.query(`SELECT plan_id, version, base_price::text AS base_price FROM plan_versions`)) as { plan_id: string; version: number; base_price: string }[];
    return new Map(rows.map((r) => [priceKey(r.plan_id, r.version), plainDecimal(r.base_price)]));
  }

  async unpaidInvoices(scope: TenantScope): Promise<UnpaidInvoices> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count, coalesce(sum(total), 0)::text AS total, min(due_at) AS oldest_due_at
         FROM invoices WHERE tenant_id = $1 AND status = 'finalized' AND payment_status IN ('pending', 'failed')`,
      [scope.tenantId],
    )) as { count: number; total: string; oldest_due_at: Date | null }[];
    return { count: row?.count ?? 0, total: plainDecimal(row?.total ?? '0'), oldestDueAt: row?.oldest_due_at ? new Date(row.oldest_due_at) : null };
  }
}
