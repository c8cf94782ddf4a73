/** Runs the trial-expiry sweep every TRIAL_CHECK_INTERVAL_MS while the service is up; one sweep at a time. */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { TenantRegistryConfig } from '../tenant-registry.config';
import { ExpireTrialsCommand } from './usecases/expire-trials/expire-trials.command';
import { ExpireTrialsUseCase } from './usecases/expire-trials/expire-trials.use-case';

@Injectable()
export class TrialExpiryScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly expireTrials: ExpireTrialsUseCase,
    private readonly config: TenantRegistryConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.TRIAL_CHECK_INTERVAL_MS);
    this.timer.unref();
    this.tick();
  }

  /** Stops the timer and lets a sweep in flight finish before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.expireTrials
      .execute(new ExpireTrialsCommand())
      .then((expired) => {
        if (expired.length > 0) this.logger.info({ count: expired.length }, 'expired trials deactivated');
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'trial expiry sweep failed; retrying at the next interval'))
      .finally(() => {
        this.running = undefined;
      });
  }
}
