/**
 * Everything an invoice of one subscription period depends on, gathered and handed to the pure
 * `computeInvoice`: the billing account (currency, tax rate), the plan in effect where the billable
 * part starts, the upgrades inside the period (from the change history) and billing's usage totals.
 * The billing run calls it to create a draft and again to recompute it (recompute-and-diff).
 */
import { Injectable } from '@nestjs/common';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { PlanRepository } from '../catalogue/plan.repository';
import { PlanVersion } from '../catalogue/plan.row';
import { periodEndOf } from '../subscriptions/billing-period';
import { planAt, upgradesBetween } from '../subscriptions/subscription-history';
import { SubscriptionRepository } from '../subscriptions/subscription.repository';
import { SubscriptionWithAccount } from '../subscriptions/subscription.row';
import { UsageTotalsRepository } from '../usage/usage-totals.repository';
import { computeInvoice, InvoiceAmounts, PlanChangeInPeriod } from './invoice-calculation';

export interface PeriodInvoice extends InvoiceAmounts {
  billableFrom: Date;
  plan: PlanVersion;
  taxRate: string;
}

@Injectable()
export class PeriodInvoiceCalculator {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly plans: PlanRepository,
    private readonly usage: UsageTotalsRepository,
  ) {}

  async compute(tx: Transaction, subscription: SubscriptionWithAccount, periodStart: Date): Promise<PeriodInvoice> {
    const scope = tenantScope(subscription.tenantId);
    const periodEnd = periodEndOf(periodStart);
    const starts = [periodStart, subscription.startedAt, ...(subscription.trialEndsAt ? [subscription.trialEndsAt] : [])];
    const billableFrom = new Date(Math.max(...starts.map((d) => d.getTime())));
    const changes = await this.subscriptions.changes(scope, tx);
    const ref = planAt(changes, billableFrom < periodEnd ? billableFrom : periodStart) ?? { planId: subscription.planId, version: subscription.planVersion };
    const plan = await this.version(ref.planId, ref.version, tx);
    const upgrades: PlanChangeInPeriod[] = [];
    for (const change of upgradesBetween(changes, billableFrom, periodEnd)) {
      upgrades.push({ at: change.at, from: await this.version(change.fromPlanId ?? ref.planId, change.fromPlanVersion ?? ref.version, tx), to: await this.version(change.toPlanId, change.toPlanVersion, tx) });
    }
    const usage = await this.usage.totals({ ...scope, periodStart }, tx);
    const amounts = computeInvoice({ currency: subscription.account.currency, taxRate: subscription.account.taxRate, periodStart, billableFrom, plan, upgrades, usage });
    return { ...amounts, billableFrom, plan, taxRate: subscription.account.taxRate };
  }

  private async version(planId: string, version: number, tx: Transaction): Promise<PlanVersion> {
    const found = await this.plans.version(planId, version, tx);
    if (!found) throw new Error(`plan ${planId} v${version} is missing`);
    return found;
  }
}
