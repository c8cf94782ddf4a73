/**
 * The safety net of the limit alerts: a usage batch and a limit change committing at the same time
 * each evaluate without seeing the other's uncommitted write, so a reached limit could wait for the
 * next usage. The periodic sweep evaluates every tenant's current month in one statement; the
 * unique alert key keeps it from raising anything twice.
 */
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { windowStart } from '../../../billable-metrics/metric-catalogue';
import { limitAlertEvents } from '../../alert.mapper';
import { RaisedLimitAlert } from '../../alert.row';
import { AlertRepository } from '../../alert.repository';
import { SweepLimitAlertsCommand } from './sweep-limit-alerts.command';

@Injectable()
export class SweepLimitAlertsUseCase {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly outbox: OutboxWriter,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(_command: SweepLimitAlertsCommand): Promise<RaisedLimitAlert[]> {
    const periodStart = windowStart('month', this.clock.now());
    return this.transactions.run(async (tx) => {
      const raised = await this.alerts.raiseAllLimitAlerts(tx, periodStart);
      if (raised.length > 0) await this.outbox.publishMany(tx, limitAlertEvents(raised));
      return raised;
    });
  }
}
