/** A bulk job as the API shows it: the job, its progress counts and its per-tenant results. */
import { BulkJob, BulkJobCounts, BulkJobItem } from './bulk-job.row';

export interface BulkJobView {
  id: string;
  status: string;
  action: unknown;
  selection: unknown;
  actor: string;
  createdAt: string;
  finishedAt: string | null;
  progress: BulkJobCounts & { done: number };
  items?: { tenantId: string; status: string; result: unknown; error: unknown; at: string | null }[];
}

export function toBulkJobView(job: BulkJob, counts: BulkJobCounts, items?: BulkJobItem[]): BulkJobView {
  return {
    id: job.id,
    status: job.status,
    action: job.action,
    selection: job.selection,
    actor: job.actor,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    progress: { ...counts, done: counts.succeeded + counts.failed + counts.cancelled },
    ...(items ? { items: items.map((item) => ({ tenantId: item.tenantId, status: item.status, result: item.result, error: item.error, at: item.updatedAt?.toISOString() ?? null })) } : {}),
  };
}

/** A problem as an item's error: what a client needs, never a stack. */
export function itemError(error: unknown): Record<string, unknown> {
  const problem = error as { code?: unknown; getStatus?: () => number; title?: unknown; detail?: unknown };
  if (typeof problem?.code === 'string' && typeof problem.getStatus === 'function') {
    return { type: `https://tenantry.dev/problems/${problem.code}`, title: problem.title, status: problem.getStatus(), ...(problem.detail ? { detail: problem.detail } : {}) };
  }
  return { type: 'https://tenantry.dev/problems/internal', title: 'Internal error', status: 500 };
}
