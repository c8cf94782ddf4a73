/** Recomputes the tenants the usage stream marked dirty every HEALTH_RESCORE_INTERVAL_MS, as of the injected clock. */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@tenantry/observability';
import { Clock, LOGGER, PeriodicJob } from '@tenantry/service';
import { HealthScoringConfig } from '../health-scoring.config';
import { RescoreDirtyCommand } from './usecases/rescore-dirty/rescore-dirty.command';
import { RescoreDirtyUseCase } from './usecases/rescore-dirty/rescore-dirty.use-case';

/** Tenants recomputed per transaction: small enough to hold few locks briefly, large enough for set-based reads. */
export const RESCORE_CHUNK = 200;

@Injectable()
export class HealthRescoreScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(rescore: RescoreDirtyUseCase, clock: Clock, config: HealthScoringConfig, @Inject(LOGGER) logger: Logger) {
    this.job = new PeriodicJob({ name: 'health rescoring', intervalMs: config.HEALTH_RESCORE_INTERVAL_MS }, async () => {
      await rescore.execute(new RescoreDirtyCommand(clock.now(), RESCORE_CHUNK));
    }, logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
