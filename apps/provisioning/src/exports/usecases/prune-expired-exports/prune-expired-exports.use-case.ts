/** Deletes export archives past their retention, hourly; a deleted archive's metadata is gone with it (404). */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from '@tenantry/observability';
import { Clock, LOGGER } from '@tenantry/service';
import { ExportArchive } from '../../../infrastructure/export-archive';
import { TenantExportRepository } from '../../tenant-export.repository';

const EVERY_MS = 3_600_000;

@Injectable()
export class PruneExpiredExportsUseCase implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly exports: TenantExportRepository,
    private readonly archive: ExportArchive,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.execute().catch((error: unknown) => this.logger.warn({ err: error }, 'pruning expired exports failed')), EVERY_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async execute(): Promise<number> {
    const paths = await this.exports.takeExpired(this.clock.now());
    for (const path of paths) await this.archive.remove(path);
    if (paths.length > 0) this.logger.info({ archives: paths.length }, 'expired export archives deleted');
    return paths.length;
  }
}
