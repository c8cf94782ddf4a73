/** Deletes export archives past their retention, hourly; a deleted archive's metadata is gone with it (404). */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from '@tenantry/observability';
import { Clock, LOGGER, PeriodicJob } from '@tenantry/service';
import { ExportArchive } from '../../../infrastructure/export-archive';
import { TenantExportRepository } from '../../tenant-export.repository';

const EVERY_MS = 3_600_000;

@Injectable()
export class PruneExpiredExportsUseCase implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly exports: TenantExportRepository,
    private readonly archive: ExportArchive,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.job = new PeriodicJob({ name: 'export pruning', intervalMs: EVERY_MS, runAtStart: false }, async () => {
      await this.execute();
    }, this.logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  async execute(): Promise<number> {
    const paths = await this.exports.takeExpired(this.clock.now());
    for (const path of paths) await this.archive.remove(path);
    if (paths.length > 0) this.logger.info({ archives: paths.length }, 'expired export archives deleted');
    return paths.length;
  }
}
