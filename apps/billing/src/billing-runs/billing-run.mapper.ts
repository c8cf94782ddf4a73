/** Billing runs as the API answers them. */
import { BillingRunViewDto } from '@tenantry/billing-api';
import { BillingRun } from './billing-run.row';

export function toBillingRunView(run: BillingRun): BillingRunViewDto {
  return {
    id: run.id,
    status: run.status,
    dryRun: run.dryRun,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    subscriptions: run.subscriptions,
    invoicesCreated: run.created,
    invoicesUpdated: run.updated,
    invoicesUnchanged: run.unchanged,
    invoicesFinalized: run.finalized,
    preview: run.preview && run.preview.map((p) => ({ tenantId: p.tenantId, subscriptionId: p.subscriptionId, periodStart: p.periodStart.toISOString(), outcome: p.outcome, total: p.total, currency: p.currency })),
    error: run.error,
  };
}
