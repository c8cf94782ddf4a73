/**
 * An invoice's lines and totals from what is known about its period: pure, so the billing run can
 * recompute a draft at any time and compare (recompute-and-diff). Every line is rounded on its own
 * to the currency's minor unit (half-even); the subtotal is the sum of rounded lines; tax is the
 * subtotal times the tenant's rate, rounded once.
 *
 * - base: the plan in effect at the start of the billable part of the period, prorated from that day,
 *   less the days the subscription is canceled (`canceledDays`: deactivated or deleted, until reactivated);
 * - each upgrade inside the period: a credit for the old plan's unused days and a charge for the new
 *   plan's, both pro rata by days (the change day is the new plan's; canceled days are neither's);
 * - usage: each charge of the plan in effect at the end of the period, on the period's totals
 *   (none while the whole period is a trial);
 * - adjustments: late usage of finalized past periods, re-rated (see `adjustment-calculation.ts`),
 *   taxed like the other lines;
 * - credit applied: the tenant's credit balance (credit notes), a negative line after tax, never more
 *   than the total before it — what is left carries forward. It is outside the subtotal and the tax
 *   base: total = subtotal + tax + credit applied.
 */
import { priceCharge } from '../catalogue/charge-models';
import { PlanVersion } from '../catalogue/plan.row';
import { Decimal, decimal, formatMoney, plainDecimal, roundMoney } from '../money/money';
import { daysFrom, daysInPeriod } from '../subscriptions/billing-period';

export const LINE_KINDS = ['base', 'proration_credit', 'proration_charge', 'usage', 'adjustment', 'credit_applied'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export interface InvoiceLine {
  kind: LineKind;
  description: string;
  planId: string | null;
  metric: string | null;
  /** Units (usage: the period total) or prorated days (base, proration), a decimal string. */
  quantity: string;
  /** Rounded amount in the currency, a decimal string fixed to the minor unit. */
  amount: string;
  /** Adjustment lines only: the past period (YYYY-MM-DD) whose late usage the line bills. */
  adjustsPeriod?: string;
}

export interface PlanChangeInPeriod {
  at: Date;
  from: PlanVersion;
  to: PlanVersion;
}

export interface InvoiceInput {
  currency: string;
  /** The tenant's tax rate as a fraction ("0.2" for 20 %). */
  taxRate: string;
  periodStart: Date;
  /** Where the billable part of the period starts: subscription start or trial end, if later than the period start. */
  billableFrom: Date;
  /** The plan at billableFrom. */
  plan: PlanVersion;
  /** Upgrades applied inside the period, in order. */
  upgrades: readonly PlanChangeInPeriod[];
  /** The period's usage totals by metric. */
  usage: ReadonlyMap<string, string>;
  /** Late usage of finalized past periods, already priced and rounded (`computeAdjustments`). */
  adjustments?: readonly InvoiceLine[];
  /** The tenant's unused credit (a decimal string); applied up to the total. */
  creditBalance?: string;
  /** Days of the period (UTC day starts) on which the subscription is canceled: not billed. */
  canceledDays?: readonly Date[];
}

export interface InvoiceAmounts {
  lines: InvoiceLine[];
  subtotal: string;
  tax: string;
  total: string;
}

export function computeInvoice(input: InvoiceInput): InvoiceAmounts {
  const { currency, periodStart } = input;
  const days = daysInPeriod(periodStart);
  const lines: InvoiceLine[] = [];
  const money = (amount: Decimal) => formatMoney(amount, currency);

  const canceled = input.canceledDays ?? [];
  // Days from `from` (its UTC day included) to the period end, less the canceled ones.
  const activeDaysFrom = (from: Date) => Math.max(0, daysFrom(periodStart, from) - canceled.filter((day) => daysFrom(periodStart, day) <= daysFrom(periodStart, from)).length);
  const billableDays = activeDaysFrom(input.billableFrom);
  if (billableDays > 0) {
    const prorated = billableDays < days ? ` (${billableDays}/${days} days)` : '';
    lines.push({
      kind: 'base',
      description: `${input.plan.name} plan${prorated}`,
      planId: input.plan.planId,
      metric: null,
      quantity: String(billableDays),
      amount: money(decimal(input.plan.basePrice).times(billableDays).dividedBy(days)),
    });
  }

  let usagePlan = input.plan;
  for (const change of input.upgrades) {
    usagePlan = change.to;
    const from = change.at > input.billableFrom ? change.at : input.billableFrom;
    const unused = activeDaysFrom(from);
    if (unused === 0) continue;
    lines.push({
      kind: 'proration_credit',
      description: `Unused ${change.from.name} plan (${unused}/${days} days)`,
      planId: change.from.planId,
      metric: null,
      quantity: String(unused),
      amount: money(decimal(change.from.basePrice).times(unused).dividedBy(days).negated()),
    });
    lines.push({
      kind: 'proration_charge',
      description: `${change.to.name} plan (${unused}/${days} days)`,
      planId: change.to.planId,
      metric: null,
      quantity: String(unused),
      amount: money(decimal(change.to.basePrice).times(unused).dividedBy(days)),
    });
  }

  if (billableDays > 0) {
    for (const charge of usagePlan.charges) {
      const used = input.usage.get(charge.metric) ?? '0';
      const priced = priceCharge(charge, used);
      lines.push({
        kind: 'usage',
        description: `${charge.metric} (${charge.model})`,
        planId: usagePlan.planId,
        metric: charge.metric,
        quantity: plainDecimal(used),
        amount: money(priced.amount),
      });
    }
  }

  lines.push(...(input.adjustments ?? []));

  const subtotal = lines.reduce((sum, line) => sum.plus(line.amount), decimal(0));
  const tax = roundMoney(subtotal.times(input.taxRate), currency);
  const beforeCredit = subtotal.plus(tax);
  const credit = Decimal.min(roundMoney(decimal(input.creditBalance ?? 0), currency), Decimal.max(beforeCredit, 0));
  if (credit.greaterThan(0)) {
    lines.push({ kind: 'credit_applied', description: 'Credit applied (credit notes)', planId: null, metric: null, quantity: '1', amount: money(credit.negated()) });
  }
  return { lines, subtotal: money(subtotal), tax: money(tax), total: money(beforeCredit.minus(Decimal.max(credit, 0))) };
}
