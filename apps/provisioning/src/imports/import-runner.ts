/**
 * The worker loop of import jobs: claims a job whose lease is free or ran out (a crashed process's
 * job included, so a restart resumes it), keeps the lease alive while it works, and otherwise
 * sleeps IMPORT_POLL_MS or until an upload wakes it. One job at a time per process.
 */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { WorkerLoop } from '@tenantry/messaging';
import { Logger } from '@tenantry/observability';
import { Clock, LOGGER } from '@tenantry/service';
import { ProvisioningConfig } from '../provisioning.config';
import { TenantImportRepository } from './tenant-import.repository';
import { RunImportUseCase } from './usecases/run-import/run-import.use-case';

const LEASE_MS = 30_000;

@Injectable()
export class ImportRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop = new WorkerLoop();

  constructor(
    private readonly imports: TenantImportRepository,
    private readonly runImport: RunImportUseCase,
    private readonly clock: Clock,
    private readonly config: ProvisioningConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start(() => this.work());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** A job was received: look now rather than at the next poll. */
  wake(): void {
    this.loop.signal();
  }

  private async work(): Promise<void> {
    while (this.loop.running) {
      try {
        const job = await this.imports.claim(this.clock.now(), this.leaseFrom());
        if (!job) {
          await this.loop.sleep(this.config.IMPORT_POLL_MS);
          continue;
        }
        const heartbeat = setInterval(() => {
          this.imports.heartbeat(job.id, this.leaseFrom()).catch((error: unknown) => this.logger.warn({ err: error, importId: job.id }, 'import lease not extended'));
        }, LEASE_MS / 3);
        try {
          await this.runImport.execute(job);
          this.logger.info({ importId: job.id, tenantId: job.tenantId }, 'import job advanced');
        } catch (error) {
          // The tenant transaction rolled back: nothing was written. The lease runs out and the job is tried again.
          this.logger.error({ err: error, importId: job.id }, 'import job failed; will retry when its lease runs out');
        } finally {
          clearInterval(heartbeat);
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'import runner cannot reach the database; retrying');
        await this.loop.sleep(this.config.IMPORT_POLL_MS);
      }
    }
  }

  private leaseFrom(): Date {
    return new Date(this.clock.now().getTime() + LEASE_MS);
  }
}
