/**
 * Raises the 80 %, 100 % and exceeded alerts the windows have reached, each once: one set-based
 * insert decides what is new, and only new alerts become outbox events of the same transaction.
 */
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { limitAlertEvents } from '../../alert.mapper';
import { RaisedLimitAlert } from '../../alert.entity';
import { AlertRepository } from '../../alert.repository';
import { EvaluateLimitAlertsCommand } from './evaluate-limit-alerts.command';

@Injectable()
export class EvaluateLimitAlertsUseCase {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: EvaluateLimitAlertsCommand): Promise<RaisedLimitAlert[]> {
    const raised = await this.alerts.raiseLimitAlerts(command.windows, command.tx);
    if (raised.length > 0) await this.outbox.publishMany(command.tx, limitAlertEvents(raised));
    return raised;
  }
}
