/** Recomputes every tenant every HEALTH_RECOMPUTE_INTERVAL_MS (and at start), as of the injected clock. */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@tenantry/observability';
import { Clock, LOGGER, PeriodicJob } from '@tenantry/service';
import { HealthScoringConfig } from '../health-scoring.config';
import { RecomputeAllCommand } from './usecases/recompute-all/recompute-all.command';
import { RecomputeAllUseCase } from './usecases/recompute-all/recompute-all.use-case';

@Injectable()
export class HealthRecomputeScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(recompute: RecomputeAllUseCase, clock: Clock, config: HealthScoringConfig, @Inject(LOGGER) logger: Logger) {
    this.job = new PeriodicJob({ name: 'health recomputation', intervalMs: config.HEALTH_RECOMPUTE_INTERVAL_MS }, async () => {
      await recompute.execute(new RecomputeAllCommand(clock.now()));
    }, logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
