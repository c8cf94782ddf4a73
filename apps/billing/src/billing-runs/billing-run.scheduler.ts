/** Runs billing at start and every BILLING_RUN_INTERVAL_MS; one run at a time per instance (instances may overlap: the run is idempotent). */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER, PeriodicJob } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { BillingConfig } from '../billing.config';
import { StartBillingRunCommand } from './usecases/start-billing-run/start-billing-run.command';
import { StartBillingRunUseCase } from './usecases/start-billing-run/start-billing-run.use-case';

@Injectable()
export class BillingRunScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(start: StartBillingRunUseCase, config: BillingConfig, @Inject(LOGGER) logger: Logger) {
    this.job = new PeriodicJob({ name: 'billing run', intervalMs: config.BILLING_RUN_INTERVAL_MS }, async () => {
      const { run, done } = await start.execute(new StartBillingRunCommand('schedule', false));
      await done;
      logger.info({ runId: run.id }, 'scheduled billing run finished');
    }, logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
