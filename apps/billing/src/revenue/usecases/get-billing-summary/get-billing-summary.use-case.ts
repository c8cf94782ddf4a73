/**
 * A tenant's billing at a glance: its plan and MRR contribution now, what it owes (finalized
 * invoices not paid yet), how many days the oldest of them is past due, and its latest finalized
 * invoice with its payment status. A tenant without a subscription (or another tenant's id behind
 * the gateway) answers 404.
 */
import { Injectable } from '@nestjs/common';
import { BillingSummaryDto } from '@tenantry/billing-api';
import { tenantScope } from '@tenantry/persistence';
import { Clock, COMMON_PROBLEMS } from '@tenantry/service';
import { InvoiceRepository } from '../../../invoices/invoice.repository';
import { formatMoney } from '../../../money/money';
import { canceledAt } from '../../../subscriptions/subscription-history';
import { SubscriptionRepository } from '../../../subscriptions/subscription.repository';
import { mrrAt } from '../../mrr-movements';
import { priceKey, RevenueRepository } from '../../revenue.repository';
import { GetBillingSummaryCommand } from './get-billing-summary.command';

const DAY_MS = 86_400_000;

@Injectable()
export class GetBillingSummaryUseCase {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly invoices: InvoiceRepository,
    private readonly revenue: RevenueRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: GetBillingSummaryCommand): Promise<BillingSummaryDto> {
    const scope = tenantScope(command.tenantId.toLowerCase());
    const subscription = await this.subscriptions.find(scope);
    if (!subscription) throw COMMON_PROBLEMS['tenant-not-found'](`Tenant ${scope.tenantId} has no subscription`, { tenantId: scope.tenantId });
    const now = this.clock.now();
    const [changes, prices, unpaid, [last]] = await Promise.all([
      this.subscriptions.changes(scope),
      this.revenue.monthlyPrices(),
      this.revenue.unpaidInvoices(scope),
      this.invoices.list({ ...scope, status: 'finalized', limit: 1 }),
    ]);
    const { currency } = subscription.account;
    const mrr = mrrAt({ tenantId: scope.tenantId, currency, trialEndsAt: subscription.trialEndsAt, changes }, now, (planId, version) => prices.get(priceKey(planId, version)) ?? '0');
    const canceled = canceledAt(changes, now);
    const overdueMs = unpaid.oldestDueAt ? now.getTime() - unpaid.oldestDueAt.getTime() : 0;
    return {
      tenantId: scope.tenantId,
      planId: subscription.planId,
      planVersion: subscription.planVersion,
      status: subscription.status,
      canceled,
      currency,
      mrr: formatMoney(mrr, currency),
      outstanding: formatMoney(unpaid.total, currency),
      unpaidInvoices: unpaid.count,
      overdueDays: overdueMs > 0 ? Math.floor(overdueMs / DAY_MS) : 0,
      lastInvoice:
        last && last.number && last.finalizedAt
          ? {
              id: last.id,
              number: last.number,
              periodStart: last.periodStart.toISOString(),
              total: last.total,
              paymentStatus: last.paymentStatus,
              finalizedAt: last.finalizedAt.toISOString(),
              dueAt: last.dueAt?.toISOString() ?? null,
            }
          : null,
    };
  }
}
