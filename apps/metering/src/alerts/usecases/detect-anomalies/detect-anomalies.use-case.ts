/**
 * Looks at the last complete UTC hour: every tenant × `sum` metric with usage in it is compared with
 * its own 168-hour baseline, and each unusual one raises UnusualUsageDetected once.
 */
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { MeteringConfig } from '../../../metering.config';
import { windowStart } from '../../../billable-metrics/metric-catalogue';
import { anomalyEvent } from '../../alert.mapper';
import { RaisedAnomaly } from '../../alert.row';
import { AlertRepository } from '../../alert.repository';
import { isUnusual } from '../../anomaly-rule';
import { DetectAnomaliesCommand } from './detect-anomalies.command';

const HOUR_MS = 3_600_000;

@Injectable()
export class DetectAnomaliesUseCase {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly outbox: OutboxWriter,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly config: MeteringConfig,
  ) {}

  async execute(_command: DetectAnomaliesCommand): Promise<{ hourStart: Date; raised: RaisedAnomaly[] }> {
    const hourStart = new Date(windowStart('hour', this.clock.now()).getTime() - HOUR_MS);
    const raised = await this.transactions.run(async (tx) => {
      const hours = await this.alerts.hourlyBaselines(tx, hourStart);
      const fresh = await this.alerts.raiseAnomalies(
        tx,
        hours.filter((hour) => isUnusual(hour, this.config.ANOMALY_MIN_VOLUME)),
      );
      if (fresh.length > 0) await this.outbox.publishMany(tx, fresh.map(anomalyEvent));
      return fresh;
    });
    return { hourStart, raised };
  }
}
