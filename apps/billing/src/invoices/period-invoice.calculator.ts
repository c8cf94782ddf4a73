/**
 * Everything an invoice of one subscription period depends on, gathered and handed to the pure
 * `computeInvoice`: the billing account (currency, tax rate), the plan in effect where the billable
 * part starts, the upgrades inside the period (from the change history) and billing's usage totals.
 * The billing run calls it to create a draft and again to recompute it (recompute-and-diff).
 * A draft also carries the corrections of earlier invoices: adjustment lines for late usage of the
 * ADJUSTABLE_PAST_PERIODS finalized periods before its own (each re-priced as its own invoice would be
 * now, minus what was billed for it) and the tenant's credit balance.
 * For a page of subscriptions the caller loads the history and usage of all of them at once and
 * passes them in (`PeriodInputs`), with one plan-version cache for the page, so the period itself
 * costs no query; the corrections cost one query each when the tenant has no finalized invoice in the
 * window and no credit, a few more when it has.
 */
import { Injectable } from '@nestjs/common';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { PlanRepository } from '../catalogue/plan.repository';
import { PlanVersion } from '../catalogue/plan.row';
import { periodEndOf } from '../subscriptions/billing-period';
import { canceledDaysOf, planAt, upgradesBetween } from '../subscriptions/subscription-history';
import { SubscriptionRepository } from '../subscriptions/subscription.repository';
import { SubscriptionChange, SubscriptionWithAccount } from '../subscriptions/subscription.row';
import { decimal } from '../money/money';
import { UsageTotalsRepository } from '../usage/usage-totals.repository';
import { ADJUSTABLE_PAST_PERIODS, computeAdjustments, PastPeriod } from './adjustment-calculation';
import { computeInvoice, InvoiceAmounts, InvoiceInput, PlanChangeInPeriod } from './invoice-calculation';
import { InvoiceRepository } from './invoice.repository';

export interface PeriodInvoice extends InvoiceAmounts {
  billableFrom: Date;
  plan: PlanVersion;
  taxRate: string;
  /** Nothing to bill because the subscription was canceled (all of its billable days, no corrections): the billing run makes no invoice. */
  idle: boolean;
}

/**
 * What an invoice depends on, loaded by the caller (for many subscriptions at once); `plans` caches plan versions (immutable) for one page.
 * `credits` is the page's running credit balance per tenant: a draft computed here takes its credit from it and leaves the rest, so two
 * periods of one tenant settled in the same transaction (a run that closes two months, or two drafts finalized together) never both
 * spend the same credit — the stored balance only counts finalized invoices. Load it with InvoiceRepository.creditBalances; a tenant
 * missing from it is read on first use.
 */
export interface PeriodInputs {
  changes: readonly SubscriptionChange[];
  usage: Map<string, string>;
  plans: Map<string, PlanVersion>;
  credits?: Map<string, string>;
}

@Injectable()
export class PeriodInvoiceCalculator {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly plans: PlanRepository,
    private readonly usage: UsageTotalsRepository,
    private readonly invoices: InvoiceRepository,
  ) {}

  async compute(tx: Transaction, subscription: SubscriptionWithAccount, periodStart: Date, inputs?: PeriodInputs): Promise<PeriodInvoice> {
    const scope = tenantScope(subscription.tenantId);
    const plans = inputs?.plans ?? new Map<string, PlanVersion>();
    const changes = inputs?.changes ?? (await this.subscriptions.changes(scope, tx));
    const { input, billableFrom, plan } = await this.inputs(tx, subscription, periodStart, changes, plans, inputs?.usage);
    const adjustments = await this.adjustments(tx, subscription, periodStart, changes, plans);
    const credits = inputs?.credits;
    const creditBalance = credits?.get(scope.tenantId) ?? (await this.invoices.creditBalance(tx, scope));
    const amounts = computeInvoice({ ...input, adjustments, creditBalance });
    if (credits) {
      const applied = amounts.lines.filter((l) => l.kind === 'credit_applied').reduce((sum, l) => sum.plus(decimal(l.amount)), decimal(0));
      credits.set(scope.tenantId, decimal(creditBalance).plus(applied).toFixed());
    }
    return { ...amounts, billableFrom, plan, taxRate: subscription.account.taxRate, idle: amounts.lines.length === 0 && (input.canceledDays?.length ?? 0) > 0 };
  }

  /** Adjustment lines for late usage of the finalized periods inside the window before `periodStart`. */
  private async adjustments(tx: Transaction, subscription: SubscriptionWithAccount, periodStart: Date, changes: readonly SubscriptionChange[], plans: Map<string, PlanVersion>) {
    const scope = tenantScope(subscription.tenantId);
    const past: Date[] = [];
    for (let back = 1; back <= ADJUSTABLE_PAST_PERIODS; back += 1) past.push(new Date(Date.UTC(periodStart.getUTCFullYear(), periodStart.getUTCMonth() - back, 1)));
    const finalized = await this.invoices.finalizedOfPeriods(tx, { ...scope, subscriptionId: subscription.id }, past);
    if (finalized.length === 0) return [];
    const later = await this.invoices.adjustmentsFor(tx, scope, finalized.map((i) => i.periodStart));
    const periods: PastPeriod[] = [];
    for (const invoice of finalized) {
      const { input } = await this.inputs(tx, subscription, invoice.periodStart, changes, plans);
      const day = invoice.periodStart.toISOString().slice(0, 10);
      periods.push({ periodStart: day, repriced: computeInvoice(input).lines, invoiced: [...invoice.lines.filter((l) => l.kind === 'usage'), ...later.filter((l) => l.adjustsPeriod === day)] });
    }
    return computeAdjustments(subscription.account.currency, periods);
  }

  private async inputs(
    tx: Transaction,
    subscription: SubscriptionWithAccount,
    periodStart: Date,
    changes: readonly SubscriptionChange[],
    plans: Map<string, PlanVersion>,
    loadedUsage?: Map<string, string>,
  ): Promise<{ input: InvoiceInput; billableFrom: Date; plan: PlanVersion }> {
    const scope = tenantScope(subscription.tenantId);
    const periodEnd = periodEndOf(periodStart);
    const starts = [periodStart, subscription.startedAt, ...(subscription.trialEndsAt ? [subscription.trialEndsAt] : [])];
    const billableFrom = new Date(Math.max(...starts.map((d) => d.getTime())));
    const ref = planAt(changes, billableFrom < periodEnd ? billableFrom : periodStart) ?? { planId: subscription.planId, version: subscription.planVersion };
    const plan = await this.version(ref.planId, ref.version, tx, plans);
    const upgrades: PlanChangeInPeriod[] = [];
    for (const change of upgradesBetween(changes, billableFrom, periodEnd)) {
      upgrades.push({ at: change.at, from: await this.version(change.fromPlanId ?? ref.planId, change.fromPlanVersion ?? ref.version, tx, plans), to: await this.version(change.toPlanId, change.toPlanVersion, tx, plans) });
    }
    const usage = loadedUsage ?? (await this.usage.totals({ ...scope, periodStart }, tx));
    const canceledDays = canceledDaysOf(changes, periodStart);
    return { input: { currency: subscription.account.currency, taxRate: subscription.account.taxRate, periodStart, billableFrom, plan, upgrades, usage, canceledDays }, billableFrom, plan };
  }

  private async version(planId: string, version: number, tx: Transaction, cache: Map<string, PlanVersion>): Promise<PlanVersion> {
    const key = `${planId}@${version}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const found = await this.plans.version(planId, version, tx);
    if (!found) throw new Error(`plan ${planId} v${version} is missing`);
    cache.set(key, found);
    return found;
  }
}
