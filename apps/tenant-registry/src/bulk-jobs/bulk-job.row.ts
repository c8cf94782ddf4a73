/** A bulk job and its items as stored (tenant_registry.bulk_jobs, bulk_job_items). */
import { BulkAction, BulkSelection } from './bulk-request';

export type BulkJobStatus = 'running' | 'completed' | 'cancelled';
export type BulkItemStatus = 'pending' | 'succeeded' | 'failed' | 'cancelled';

export interface BulkJob {
  id: string;
  action: BulkAction;
  selection: BulkSelection;
  status: BulkJobStatus;
  actor: string;
  requestId: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface BulkJobItem {
  jobId: string;
  position: number;
  tenantId: string;
  status: BulkItemStatus;
  /** What changed (succeeded), e.g. `{ plan: { from, to } }`. */
  result: Record<string, unknown> | null;
  /** The problem that stopped it (failed): `{ type, title, status, detail }`. */
  error: Record<string, unknown> | null;
  updatedAt: Date | null;
}

export type BulkJobCounts = Record<BulkItemStatus, number> & { total: number };
