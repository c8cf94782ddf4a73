/** Runs the resource collection shortly after start and every COLLECTOR_INTERVAL_MS; one run at a time. */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER, PeriodicJob } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { MeteringConfig } from '../metering.config';
import { CollectResourcesCommand } from './usecases/collect-resources/collect-resources.command';
import { CollectResourcesUseCase } from './usecases/collect-resources/collect-resources.use-case';

@Injectable()
export class ResourceCollectorScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(collect: CollectResourcesUseCase, config: MeteringConfig, @Inject(LOGGER) logger: Logger) {
    this.job = new PeriodicJob({ name: 'resource collection', intervalMs: config.COLLECTOR_INTERVAL_MS }, async () => {
      const report = await collect.execute(new CollectResourcesCommand());
      for (const failure of report.failures) {
        logger.warn({ tenant_id: failure.tenantId, metric: failure.metric, reason: failure.reason }, 'resource measurement failed; the other tenants and metrics are recorded');
      }
      logger.info({ slotStart: report.slotStart.toISOString(), tenants: report.tenants, events: report.events, failures: report.failures.length }, 'resources collected');
    }, logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
