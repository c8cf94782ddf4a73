/** Runs the periodic alert checks (limit sweep, then anomaly detection) at start and every ANOMALY_CHECK_INTERVAL_MS; one pass at a time. */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@tenantry/observability';
import { LOGGER, PeriodicJob } from '@tenantry/service';
import { MeteringConfig } from '../metering.config';
import { DetectAnomaliesCommand } from './usecases/detect-anomalies/detect-anomalies.command';
import { DetectAnomaliesUseCase } from './usecases/detect-anomalies/detect-anomalies.use-case';
import { SweepLimitAlertsCommand } from './usecases/sweep-limit-alerts/sweep-limit-alerts.command';
import { SweepLimitAlertsUseCase } from './usecases/sweep-limit-alerts/sweep-limit-alerts.use-case';

@Injectable()
export class AlertsScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(sweep: SweepLimitAlertsUseCase, detect: DetectAnomaliesUseCase, config: MeteringConfig, @Inject(LOGGER) logger: Logger) {
    this.job = new PeriodicJob({ name: 'alert checks', intervalMs: config.ANOMALY_CHECK_INTERVAL_MS }, async () => {
      const swept = await sweep.execute(new SweepLimitAlertsCommand());
      if (swept.length > 0) logger.info({ alerts: swept.map((a) => ({ tenantId: a.tenantId, metric: a.metric, kind: a.kind })) }, 'limit alerts raised by the sweep');
      const { hourStart, raised } = await detect.execute(new DetectAnomaliesCommand());
      if (raised.length > 0) logger.info({ hourStart, anomalies: raised.map((a) => ({ tenantId: a.tenantId, metric: a.metric, observed: a.observed })) }, 'unusual usage detected');
    }, logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
