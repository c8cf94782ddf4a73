/** What revenue reporting reads: subscriptions with their history, plan prices, and a tenant's unpaid invoices. */
import { TenantScope } from '@tenantry/persistence';
import { RevenueSubscription } from './mrr-movements';

export interface UnpaidInvoices {
  count: number;
  /** Sum of their totals, a decimal string. */
  total: string;
  /** The earliest due date among them, or null when there are none. */
  oldestDueAt: Date | null;
}

export abstract class RevenueRepository {
  /** Every subscription created before `before`, with its account's currency and its changes (oldest first). */
  abstract subscriptions(before: Date): Promise<RevenueSubscription[]>;
  /** The monthly base price of every plan version, keyed `planId@version`. */
  abstract monthlyPrices(): Promise<Map<string, string>>;
  /** The tenant's finalized invoices whose payment is pending or failed. */
  abstract unpaidInvoices(scope: TenantScope): Promise<UnpaidInvoices>;
}

export const priceKey = (planId: string, version: number) => `${planId}@${version}`;
