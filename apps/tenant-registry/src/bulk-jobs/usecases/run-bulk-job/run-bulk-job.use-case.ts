/**
 * Works on one bulk job's pending items until none is left: each item in one transaction that locks
 * it (SKIP LOCKED, so several workers and instances share a job), applies the action and marks it
 * done. A crash rolls the item back to pending, so a restart redoes exactly the unfinished ones. A
 * failing item is marked failed in a transaction of its own, its change rolled back.
 */
import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { TenantRegistryConfig } from '../../../tenant-registry.config';
import { BulkActionApplier } from '../../bulk-action-applier';
import { itemError } from '../../bulk-job.mapper';
import { BulkJobRepository } from '../../bulk-job.repository';

@Injectable()
export class RunBulkJobUseCase {
  constructor(
    private readonly jobs: BulkJobRepository,
    private readonly applier: BulkActionApplier,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly config: TenantRegistryConfig,
  ) {}

  /** Runs the job with BULK_JOB_CONCURRENCY workers; resolves when no item is pending. */
  async execute(jobId: string, stopping: () => boolean): Promise<void> {
    const job = await this.jobs.findJob(jobId);
    if (!job || job.status !== 'running') return;
    const worker = async (): Promise<void> => {
      while (!stopping()) {
        let failed: { position: number; error: unknown } | undefined;
        const worked = await this.transactions.run(async (tx) => {
          const next = await this.jobs.lockNextPending(tx, jobId);
          if (!next || next.jobStatus !== 'running') return false;
          try {
            // A savepoint-free design: the change and the item's mark commit together or not at all.
            const result = await this.applier.apply(tx, job, next.item.tenantId);
            await this.jobs.finishItem(tx, jobId, next.item.position, 'succeeded', { result }, this.clock.now());
          } catch (error) {
            failed = { position: next.item.position, error };
            throw error;
          }
          return true;
        }).catch((error: unknown) => {
          if (!failed) throw error;
          return true;
        });
        if (failed) {
          const { position, error } = failed;
          await this.transactions.run((tx) => this.jobs.finishItem(tx, jobId, position, 'failed', { error: itemError(error) }, this.clock.now()));
        }
        if (!worked) return;
        if (this.config.BULK_JOB_ITEM_DELAY_MS > 0) await sleep(this.config.BULK_JOB_ITEM_DELAY_MS);
      }
    };
    await Promise.all(Array.from({ length: this.config.BULK_JOB_CONCURRENCY }, worker));
    if (!stopping()) await this.jobs.completeIfDone(jobId, this.clock.now());
  }
}
