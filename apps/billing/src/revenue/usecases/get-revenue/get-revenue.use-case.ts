/**
 * MRR, ARR and the movements of each month in the range, per currency, from subscription history
 * (`mrr-movements.ts`). A range that ends before it starts or spans more than MAX_REVENUE_MONTHS
 * months is refused with 400 naming `to`.
 */
import { Injectable } from '@nestjs/common';
import { MAX_REVENUE_MONTHS, RevenueReportDto } from '@tenantry/billing-api';
import { invalidField } from '@tenantry/service';
import { periodEndOf } from '../../../subscriptions/billing-period';
import { formatCurrencyMonth, revenueByMonth } from '../../mrr-movements';
import { priceKey, RevenueRepository } from '../../revenue.repository';
import { GetRevenueCommand } from './get-revenue.command';

const monthStart = (month: string) => new Date(`${month}-01T00:00:00.000Z`);

@Injectable()
export class GetRevenueUseCase {
  constructor(private readonly revenue: RevenueRepository) {}

  async execute(command: GetRevenueCommand): Promise<RevenueReportDto> {
    const from = monthStart(command.from);
    const to = monthStart(command.to);
    if (to < from) throw invalidField('to', `to (${command.to}) must not be before from (${command.from})`);
    const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth() + 1;
    if (months > MAX_REVENUE_MONTHS) throw invalidField('to', `A report covers at most ${MAX_REVENUE_MONTHS} months; ${command.from} to ${command.to} is ${months}`);

    const [subscriptions, prices] = await Promise.all([this.revenue.subscriptions(periodEndOf(to)), this.revenue.monthlyPrices()]);
    const price = (planId: string, version: number) => {
      const found = prices.get(priceKey(planId, version));
      if (found === undefined) throw new Error(`plan ${planId} v${version} is missing`);
      return found;
    };
    return {
      from: command.from,
      to: command.to,
      months: revenueByMonth(subscriptions, from, to, price).map((m) => ({ month: m.month, currencies: m.currencies.map(formatCurrencyMonth) })),
    };
  }
}
