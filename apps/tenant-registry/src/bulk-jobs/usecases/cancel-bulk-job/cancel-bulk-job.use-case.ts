/** Cancels a running bulk job: its pending items are cancelled; items already done stay done (an item in flight finishes). */
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { Clock, COMMON_PROBLEMS } from '@tenantry/service';
import { BulkJob } from '../../bulk-job.row';
import { BulkJobRepository } from '../../bulk-job.repository';

@Injectable()
export class CancelBulkJobUseCase {
  constructor(
    private readonly jobs: BulkJobRepository,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(jobId: string): Promise<BulkJob> {
    const job = await this.jobs.findJob(jobId);
    if (!job) throw COMMON_PROBLEMS['not-found'](`No bulk job has the id ${jobId}`);
    const cancelled = await this.transactions.run((tx) => this.jobs.cancel(tx, jobId, this.clock.now()));
    if (!cancelled) throw COMMON_PROBLEMS.conflict(`Bulk job ${jobId} is already ${job.status}`, { jobStatus: job.status });
    return (await this.jobs.findJob(jobId)) ?? job;
  }
}
