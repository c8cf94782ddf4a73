/** Billing runs and their progress (not tenant-scoped: a run covers every tenant). */
import { BillingRun, InvoiceOutcome, RunCounters } from './billing-run.row';

export abstract class BillingRunRepository {
  abstract create(run: BillingRun): Promise<void>;
  /** Adds to the run's counters. */
  abstract progress(runId: string, delta: RunCounters): Promise<void>;
  abstract finish(runId: string, status: 'completed' | 'failed', at: Date, preview: InvoiceOutcome[] | null, error: string | null): Promise<void>;
  abstract find(runId: string): Promise<BillingRun | undefined>;
}
