/** Runs the dunning review every DUNNING_INTERVAL_MS (and at start), as of the injected clock. */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Clock, LOGGER, PeriodicJob } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { BillingConfig } from '../billing.config';
import { EvaluateDunningCommand } from './usecases/evaluate-dunning/evaluate-dunning.command';
import { EvaluateDunningUseCase } from './usecases/evaluate-dunning/evaluate-dunning.use-case';

@Injectable()
export class DunningScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(evaluate: EvaluateDunningUseCase, clock: Clock, config: BillingConfig, @Inject(LOGGER) logger: Logger) {
    this.job = new PeriodicJob({ name: 'dunning', intervalMs: config.DUNNING_INTERVAL_MS }, async () => {
      const summary = await evaluate.execute(new EvaluateDunningCommand(clock.now()));
      if (summary.escalated > 0 || summary.cleared > 0) logger.info(summary, 'dunning steps taken');
    }, logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
