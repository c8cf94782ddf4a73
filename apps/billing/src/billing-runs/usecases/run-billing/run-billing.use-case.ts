/**
 * A billing run, as of the clock's now: (1) every subscription whose current period has ended gets
 * its invoices (one transaction per subscription), (2) every draft is recomputed and, past its grace
 * window, finalized (one transaction per invoice). Both steps are idempotent, so a run that stopped
 * half-way, a second run, or two at once leave exactly one invoice per subscription and period and no
 * gap in the numbers. Each step goes a page at a time, one transaction per page with set-based
 * statements (a fixed number of round trips per page: `npm run bench:billing` invoices 10,000 tenants
 * in a few seconds); a page that fails is done again one subscription (or draft) per transaction, so
 * one bad tenant holds back nobody else. Progress is written after each page; a dry run does every
 * step in transactions that are rolled back, and keeps what it would have done as the run's preview.
 * A unit that fails is logged and skipped (the others go on); the run then ends `failed`, naming the
 * first failure.
 */
import { Inject, Injectable } from '@nestjs/common';
import { tenantScope, Transaction, Transactions } from '@tenantry/persistence';
import { Clock, LOGGER } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { BillingConfig } from '../../../billing.config';
import { InvoiceRepository } from '../../../invoices/invoice.repository';
import { periodStartOf } from '../../../subscriptions/billing-period';
import { SubscriptionRepository } from '../../../subscriptions/subscription.repository';
import { BillingRunRepository } from '../../billing-run.repository';
import { countOutcomes, InvoiceOutcome } from '../../billing-run.row';
import { CloseEndedPeriodsCommand } from '../close-ended-periods/close-ended-periods.command';
import { CloseEndedPeriodsUseCase } from '../close-ended-periods/close-ended-periods.use-case';
import { SettleInvoiceCommand } from '../settle-invoice/settle-invoice.command';
import { SettleInvoiceUseCase } from '../settle-invoice/settle-invoice.use-case';
import { RunBillingCommand } from './run-billing.command';
import { EndTrialsCommand } from '../../../subscriptions/usecases/end-trials/end-trials.command';
import { EndTrialsUseCase } from '../../../subscriptions/usecases/end-trials/end-trials.use-case';

const PREVIEW_LIMIT = 1_000;

/** Thrown at the end of a dry run's transaction to roll it back, carrying what it did. */
class DryRunRollback extends Error {
  constructor(readonly outcomes: InvoiceOutcome[]) {
    super('dry run');
  }
}

@Injectable()
export class RunBillingUseCase {
  constructor(
    private readonly runs: BillingRunRepository,
    private readonly subscriptions: SubscriptionRepository,
    private readonly invoices: InvoiceRepository,
    private readonly closePeriods: CloseEndedPeriodsUseCase,
    private readonly endTrials: EndTrialsUseCase,
    private readonly settle: SettleInvoiceUseCase,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly config: BillingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: RunBillingCommand): Promise<void> {
    const now = this.clock.now();
    const preview: InvoiceOutcome[] = [];
    const failures: string[] = [];
    // One tenant's failure (a missing plan version, a bad row) must not hold back everyone else's invoices.
    const guarded = async (what: string, work: (tx: Transaction) => Promise<InvoiceOutcome[]>): Promise<InvoiceOutcome[]> => {
      try {
        return await this.unit(command.dryRun, work);
      } catch (error) {
        this.logger.error({ err: error, runId: command.runId, what }, 'billing run: a unit failed; the run goes on');
        failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
        return [];
      }
    };
    try {
      // Trials that ended are settled first (converted, or expired and canceled), so an expired trial is never invoiced.
      if (!command.dryRun) await this.endTrials.execute(new EndTrialsCommand(now));
      let after: string | undefined;
      for (;;) {
        const tenants = await this.subscriptions.due(periodStartOf(now), this.config.BILLING_RUN_PAGE_SIZE, after);
        if (tenants.length === 0) break;
        const page = await this.page(command, tenants, guarded, (ids) => (tx) => this.closePeriods.execute(new CloseEndedPeriodsCommand(ids, now), tx), (id) => `tenant ${id}`);
        await this.runs.progress(command.runId, countOutcomes(page, tenants.length));
        if (command.dryRun) preview.push(...page);
        after = tenants[tenants.length - 1];
        if (tenants.length < this.config.BILLING_RUN_PAGE_SIZE) break;
      }
      let afterInvoice: string | undefined;
      for (;;) {
        const drafts = await this.invoices.drafts(this.config.BILLING_RUN_PAGE_SIZE, afterInvoice);
        if (drafts.length === 0) break;
        const page = await this.page(command, drafts, guarded, (keys) => (tx) => this.settle.execute(new SettleInvoiceCommand(keys.map((k) => ({ ...tenantScope(k.tenantId), invoiceId: k.invoiceId })), now), tx), (key) => `invoice ${key.invoiceId}`);
        await this.runs.progress(command.runId, countOutcomes(page));
        if (command.dryRun) preview.push(...page);
        afterInvoice = drafts[drafts.length - 1]?.invoiceId;
        if (drafts.length < this.config.BILLING_RUN_PAGE_SIZE) break;
      }
      const error = failures.length === 0 ? null : `${failures.length} unit(s) failed, first: ${failures[0] ?? ''}`;
      await this.runs.finish(command.runId, failures.length === 0 ? 'completed' : 'failed', this.clock.now(), command.dryRun ? preview.slice(0, PREVIEW_LIMIT) : null, error);
    } catch (error) {
      this.logger.error({ err: error, runId: command.runId }, 'billing run failed');
      await this.runs.finish(command.runId, 'failed', this.clock.now(), null, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** A page in one transaction; when that fails, each of its items in a transaction of its own (the failures are the items'). */
  private async page<T>(
    command: RunBillingCommand,
    items: readonly T[],
    guarded: (what: string, work: (tx: Transaction) => Promise<InvoiceOutcome[]>) => Promise<InvoiceOutcome[]>,
    work: (items: readonly T[]) => (tx: Transaction) => Promise<InvoiceOutcome[]>,
    what: (item: T) => string,
  ): Promise<InvoiceOutcome[]> {
    try {
      return await this.unit(command.dryRun, work(items));
    } catch (error) {
      if (items.length === 1) return guarded(what(items[0] as T), work(items));
      this.logger.warn({ err: error, runId: command.runId, items: items.length }, 'billing run: a page failed; doing it again one unit at a time');
    }
    const outcomes: InvoiceOutcome[] = [];
    for (const item of items) outcomes.push(...(await guarded(what(item), work([item]))));
    return outcomes;
  }

  private async unit(dryRun: boolean, work: (tx: Transaction) => Promise<InvoiceOutcome[]>): Promise<InvoiceOutcome[]> {
    if (!dryRun) return this.transactions.run(work);
    try {
      await this.transactions.run(async (tx) => {
        throw new DryRunRollback(await work(tx));
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.outcomes;
      throw error;
    }
    return [];
  }
}
