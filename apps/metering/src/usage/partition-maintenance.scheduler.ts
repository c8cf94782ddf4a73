/** Runs the dedup partition maintenance at start and every PARTITION_MAINTENANCE_INTERVAL_MS; one pass at a time. */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER, PeriodicJob } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { MeteringConfig } from '../metering.config';
import { MaintainPartitionsCommand } from './usecases/maintain-partitions/maintain-partitions.command';
import { MaintainPartitionsUseCase } from './usecases/maintain-partitions/maintain-partitions.use-case';

@Injectable()
export class PartitionMaintenanceScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(maintain: MaintainPartitionsUseCase, config: MeteringConfig, @Inject(LOGGER) logger: Logger) {
    this.job = new PeriodicJob({ name: 'partition maintenance', intervalMs: config.PARTITION_MAINTENANCE_INTERVAL_MS }, async () => {
      const { created, dropped } = await maintain.execute(new MaintainPartitionsCommand());
      if (created.length > 0 || dropped.length > 0) logger.info({ created, dropped }, 'usage_event partitions maintained');
    }, logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
