/** Drives maintenance windows on the injectable clock: every MAINTENANCE_TICK_MS, starts and ends the windows that are due (so windows end by themselves). */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER, PeriodicJob } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { TenantRegistryConfig } from '../tenant-registry.config';
import { AdvanceMaintenanceUseCase } from './usecases/advance-maintenance/advance-maintenance.use-case';

@Injectable()
export class MaintenanceClock implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(advance: AdvanceMaintenanceUseCase, config: TenantRegistryConfig, @Inject(LOGGER) logger: Logger) {
    this.job = new PeriodicJob({ name: 'maintenance clock', intervalMs: config.MAINTENANCE_TICK_MS }, async () => {
      const moved = await advance.execute();
      if (moved > 0) logger.info({ moved }, 'maintenance windows started or ended');
    }, logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
