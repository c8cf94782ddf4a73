/** Import jobs and their staged rows; every read names the tenant. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { ImportFailure, ImportRowError, ImportStatus, StagedUserRow, TenantImport } from './tenant-import';

export interface ImportProgress {
  rowsTotal?: number;
  rowsValid?: number;
  rowsInvalid?: number;
  rowsImported?: number;
  bytes?: number;
  /** Appended to the kept errors (up to MAX_KEPT_ERRORS in all). */
  errors?: ImportRowError[];
  failure?: ImportFailure | null;
  invitationExpiresAt?: Date;
}

export abstract class TenantImportRepository {
  abstract create(job: TenantImport, leaseUntil: Date): Promise<void>;
  abstract find(scope: TenantScope, importId: string): Promise<TenantImport | undefined>;
  abstract findByIdempotencyKey(scope: TenantScope, createdBy: string, key: string): Promise<TenantImport | undefined>;
  abstract list(scope: TenantScope, limit: number): Promise<TenantImport[]>;
  abstract stage(importId: string, rows: StagedUserRow[]): Promise<void>;
  /** Staged rows after `afterRowNo`, in row order; `duplicate`: an earlier staged row has the same e-mail. */
  abstract stagedRows(importId: string, afterRowNo: number, limit: number): Promise<(StagedUserRow & { duplicate: boolean })[]>;
  /** Moves the job on (only from `from`, so a cancelled or finished job stays so); false when it was not in `from`. */
  abstract update(importId: string, from: ImportStatus[], to: ImportStatus, progress: ImportProgress, now: Date, options?: { leaseUntil?: Date | null; tx?: Transaction }): Promise<boolean>;
  /** The job's status now (the runner looks at each chunk boundary whether it was cancelled). */
  abstract statusOf(importId: string): Promise<ImportStatus | undefined>;
  /** Marks a job that is not over `cancelled`, answering it; undefined when it is over or not the tenant's. */
  abstract cancel(scope: TenantScope, importId: string, now: Date): Promise<TenantImport | undefined>;
  /** Extends the lease of a job this process works on. */
  abstract heartbeat(importId: string, leaseUntil: Date): Promise<void>;
  /** Removes a job refused while receiving (its rows go with it): a refused upload leaves nothing. */
  abstract remove(importId: string): Promise<void>;
  abstract clearStaged(importId: string): Promise<void>;
  /** Takes one job whose lease ran out (none, or its process died), leasing it until `leaseUntil`. */
  abstract claim(now: Date, leaseUntil: Date): Promise<TenantImport | undefined>;
}
