/** With TRIAL_EXPIRY=registry, runs the trial-expiry sweep every TRIAL_CHECK_INTERVAL_MS while the service is up; one sweep at a time. By default billing ends trials (TrialEnded). */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER, PeriodicJob } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { TenantRegistryConfig } from '../tenant-registry.config';
import { ExpireTrialsCommand } from './usecases/expire-trials/expire-trials.command';
import { ExpireTrialsUseCase } from './usecases/expire-trials/expire-trials.use-case';

@Injectable()
export class TrialExpiryScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;
  private readonly enabled: boolean;

  constructor(expireTrials: ExpireTrialsUseCase, config: TenantRegistryConfig, @Inject(LOGGER) logger: Logger) {
    this.enabled = config.TRIAL_EXPIRY === 'registry';
    this.job = new PeriodicJob({ name: 'trial expiry sweep', intervalMs: config.TRIAL_CHECK_INTERVAL_MS }, async () => {
      const expired = await expireTrials.execute(new ExpireTrialsCommand());
      if (expired.length > 0) logger.info({ count: expired.length }, 'expired trials deactivated');
    }, logger);
  }

  onApplicationBootstrap(): void {
    if (this.enabled) this.job.start();
  }

  /** Stops the timer and lets a sweep in flight finish before the database closes. */
  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
