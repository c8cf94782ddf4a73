/**
 * Raises the 80 %, 100 % and exceeded alerts the windows have reached, each once: one set-based
 * insert decides what is new, and only new alerts become outbox events of the same transaction (the
 * caller's, which changed the usage or the limits).
 */
import { Injectable } from '@nestjs/common';
import { Transaction } from '@tenantry/persistence';
import { OutboxWriter } from '@tenantry/messaging';
import { limitAlertEvents } from '../../alert.mapper';
import { RaisedLimitAlert } from '../../alert.row';
import { AlertRepository } from '../../alert.repository';
import { EvaluateLimitAlertsCommand } from './evaluate-limit-alerts.command';

@Injectable()
export class EvaluateLimitAlertsUseCase {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: EvaluateLimitAlertsCommand, tx: Transaction): Promise<RaisedLimitAlert[]> {
    const raised = await this.alerts.raiseLimitAlerts(tx, command.windows);
    if (raised.length > 0) await this.outbox.publishMany(tx, limitAlertEvents(raised));
    return raised;
  }
}
