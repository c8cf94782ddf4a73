/**
 * A tenant entering churn risk gets an operator check-in task (one per ChurnRiskDetected: its event
 * id is the task's source, so a redelivery adds nothing) and RetentionCheckInDue, which
 * notifications turns into a mail to the tenant's admin. A tenant already offboarded gets none.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { JourneysRepository } from '../../journeys.repository';
import { OpenChurnCheckInCommand } from './open-churn-check-in.command';

@Injectable()
export class OpenChurnCheckInUseCase {
  constructor(
    private readonly journeys: JourneysRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: OpenChurnCheckInCommand, tx: Transaction): Promise<void> {
    const scope = tenantScope(command.tenantId);
    await this.journeys.lockTenant(tx, scope);
    if ((await this.journeys.tenant(tx, scope))?.removedAt) return;
    const id = randomUUID();
    const added = await this.journeys.addCheckIn(
      tx,
      { id, tenantId: scope.tenantId, kind: 'churn-risk', status: 'open', reasons: [...command.reasons], details: [...command.details], dueAt: command.at, completedAt: null, completedBy: null, note: null },
      `event:${command.eventId}`,
    );
    if (!added) return;
    await this.outbox.publish(tx, 'RetentionCheckInDue', {
      tenantId: scope.tenantId,
      checkInId: id,
      kind: 'churn-risk',
      reasons: [...command.reasons],
      details: [...command.details],
      at: command.at.toISOString(),
    });
  }
}
