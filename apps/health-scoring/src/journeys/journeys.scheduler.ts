/** Runs the clock-driven journeys (success check-ins, win-back) every HEALTH_RECOMPUTE_INTERVAL_MS and at start, as of the injected clock. */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@tenantry/observability';
import { Clock, LOGGER, PeriodicJob } from '@tenantry/service';
import { HealthScoringConfig } from '../health-scoring.config';
import { RunJourneysCommand } from './usecases/run-journeys/run-journeys.command';
import { RunJourneysUseCase } from './usecases/run-journeys/run-journeys.use-case';

@Injectable()
export class JourneysScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(run: RunJourneysUseCase, clock: Clock, config: HealthScoringConfig, @Inject(LOGGER) logger: Logger) {
    this.job = new PeriodicJob({ name: 'lifecycle journeys', intervalMs: config.HEALTH_RECOMPUTE_INTERVAL_MS }, async () => {
      await run.execute(new RunJourneysCommand(clock.now()));
    }, logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
