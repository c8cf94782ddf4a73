/** Runs the dedup partition maintenance at start and every PARTITION_MAINTENANCE_INTERVAL_MS; one pass at a time. */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { MeteringConfig } from '../metering.config';
import { MaintainPartitionsCommand } from './usecases/maintain-partitions/maintain-partitions.command';
import { MaintainPartitionsUseCase } from './usecases/maintain-partitions/maintain-partitions.use-case';

@Injectable()
export class PartitionMaintenanceScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly maintain: MaintainPartitionsUseCase,
    private readonly config: MeteringConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.PARTITION_MAINTENANCE_INTERVAL_MS);
    this.timer.unref();
    this.tick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.maintain
      .execute(new MaintainPartitionsCommand())
      .then(({ created, dropped }) => {
        if (created.length > 0 || dropped.length > 0) this.logger.info({ created, dropped }, 'usage_event partitions maintained');
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'partition maintenance failed; retrying at the next interval'))
      .finally(() => {
        this.running = undefined;
      });
  }
}
