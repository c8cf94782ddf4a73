/** Every TRIAL_CHECK_INTERVAL_MS (and at start), as of the injected clock: tells of trials ending soon (TrialEnding), then ends the trials that ended. */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Clock, LOGGER, PeriodicJob } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { BillingConfig } from '../billing.config';
import { EndTrialsCommand } from './usecases/end-trials/end-trials.command';
import { EndTrialsUseCase } from './usecases/end-trials/end-trials.use-case';
import { NotifyEndingTrialsCommand } from './usecases/notify-ending-trials/notify-ending-trials.command';
import { NotifyEndingTrialsUseCase } from './usecases/notify-ending-trials/notify-ending-trials.use-case';

@Injectable()
export class TrialEndScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(endTrials: EndTrialsUseCase, notifyEndingTrials: NotifyEndingTrialsUseCase, clock: Clock, config: BillingConfig, @Inject(LOGGER) logger: Logger) {
    this.job = new PeriodicJob({ name: 'trial end', intervalMs: config.TRIAL_CHECK_INTERVAL_MS }, async () => {
      const told = await notifyEndingTrials.execute(new NotifyEndingTrialsCommand(clock.now(), config.TRIAL_ENDING_NOTICE_DAYS));
      if (told.length > 0) logger.info({ tenants: told.length }, 'told of trials ending soon');
      const ended = await endTrials.execute(new EndTrialsCommand(clock.now()));
      if (ended.length > 0) logger.info({ converted: ended.filter((e) => e.outcome === 'converted').length, expired: ended.filter((e) => e.outcome === 'expired').length }, 'trials ended');
    }, logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
