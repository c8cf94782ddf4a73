/** A billing run: what it looked at and what it did (a dry run: what it would have done). */
export const RUN_OUTCOMES = ['created', 'updated', 'unchanged', 'finalized'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/** One thing a run did to one invoice. */
export interface InvoiceOutcome {
  tenantId: string;
  subscriptionId: string;
  invoiceId: string;
  periodStart: Date;
  outcome: RunOutcome;
  total: string;
  currency: string;
}

export interface RunCounters {
  subscriptions: number;
  created: number;
  updated: number;
  unchanged: number;
  finalized: number;
}

export interface BillingRun extends RunCounters {
  id: string;
  trigger: 'api' | 'schedule';
  dryRun: boolean;
  status: 'running' | 'completed' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
  preview: InvoiceOutcome[] | null;
  error: string | null;
}

export function countOutcomes(outcomes: readonly InvoiceOutcome[], subscriptions = 0): RunCounters {
  const counters: RunCounters = { subscriptions, created: 0, updated: 0, unchanged: 0, finalized: 0 };
  for (const o of outcomes) counters[o.outcome] += 1;
  return counters;
}
