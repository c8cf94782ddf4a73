/** A bulk job with its progress counts and (optionally) its per-tenant results. */
import { Injectable } from '@nestjs/common';
import { COMMON_PROBLEMS } from '@tenantry/service';
import { BulkJob, BulkJobCounts, BulkJobItem } from '../../bulk-job.row';
import { BulkJobRepository } from '../../bulk-job.repository';

export interface BulkJobState {
  job: BulkJob;
  counts: BulkJobCounts;
  items?: BulkJobItem[];
}

@Injectable()
export class GetBulkJobUseCase {
  constructor(private readonly jobs: BulkJobRepository) {}

  async execute(jobId: string, withItems: boolean): Promise<BulkJobState> {
    const job = await this.jobs.findJob(jobId);
    if (!job) throw COMMON_PROBLEMS['not-found'](`No bulk job has the id ${jobId}`);
    const counts = await this.jobs.counts(jobId);
    return { job, counts, ...(withItems ? { items: await this.jobs.items(jobId) } : {}) };
  }
}
