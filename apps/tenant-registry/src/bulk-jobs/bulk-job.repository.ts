/** The bulk-jobs store (port). Item writes take the transaction in which the tenant's change is made. */
import { Transaction } from '@tenantry/persistence';
import { BulkItemStatus, BulkJob, BulkJobCounts, BulkJobItem } from './bulk-job.row';

export abstract class BulkJobRepository {
  abstract insertJob(tx: Transaction, job: BulkJob, tenantIds: string[]): Promise<void>;
  abstract findJob(id: string): Promise<BulkJob | null>;
  abstract counts(id: string): Promise<BulkJobCounts>;
  abstract items(id: string): Promise<BulkJobItem[]>;
  abstract runningJobIds(): Promise<string[]>;
  /** The job's next pending item, locked (SKIP LOCKED: other workers take other items), with the job's status. */
  abstract lockNextPending(tx: Transaction, jobId: string): Promise<{ item: BulkJobItem; jobStatus: string } | null>;
  abstract finishItem(tx: Transaction, jobId: string, position: number, status: BulkItemStatus, outcome: { result?: Record<string, unknown>; error?: Record<string, unknown> }, at: Date): Promise<boolean>;
  /** Running → completed once no item is pending. */
  abstract completeIfDone(jobId: string, at: Date): Promise<boolean>;
  /** Running → cancelled, its pending items cancelled; false when it was not running. */
  abstract cancel(tx: Transaction, jobId: string, at: Date): Promise<boolean>;
}
