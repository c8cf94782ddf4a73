/**
 * Runs the bulk jobs left `running`: every BULK_JOB_POLL_INTERVAL_MS it picks up jobs it is not
 * already running (new ones, and after a restart or a crash the ones another process left
 * unfinished) and works each with BULK_JOB_CONCURRENCY workers. On shutdown it stops taking items
 * and waits for those in flight.
 */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER, PeriodicJob } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { TenantRegistryConfig } from '../tenant-registry.config';
import { BulkJobRepository } from './bulk-job.repository';
import { RunBulkJobUseCase } from './usecases/run-bulk-job/run-bulk-job.use-case';

@Injectable()
export class BulkJobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    private readonly jobs: BulkJobRepository,
    private readonly runJob: RunBulkJobUseCase,
    config: TenantRegistryConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.job = new PeriodicJob({ name: 'bulk job runner', intervalMs: config.BULK_JOB_POLL_INTERVAL_MS }, () => this.pickUp(), logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.job.stop();
    await Promise.allSettled(this.running.values());
  }

  private async pickUp(): Promise<void> {
    for (const id of await this.jobs.runningJobIds()) {
      if (this.running.has(id) || this.stopping) continue;
      const run = this.runJob
        .execute(id, () => this.stopping)
        .catch((error: unknown) => this.logger.error({ err: error, bulkJobId: id }, 'bulk job run failed; picked up again at the next poll'))
        .finally(() => this.running.delete(id));
      this.running.set(id, run);
    }
  }
}
