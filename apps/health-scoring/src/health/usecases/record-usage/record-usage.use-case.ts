/**
 * Folds a batch of usage events into the daily totals and active users and marks each tenant of the
 * batch dirty, in the consumer's transaction. The score is not recomputed here: the rescoring job
 * (RescoreDirtyUseCase) recomputes every marked tenant once, however many events it had — so the
 * usage stream is absorbed at the rate of a few multi-row statements per batch.
 */
import { Injectable } from '@nestjs/common';
import { Transaction } from '@tenantry/persistence';
import { HealthRepository } from '../../../projection/health.repository';
import { RecordUsageCommand } from './record-usage.command';

@Injectable()
export class RecordUsageUseCase {
  constructor(private readonly health: HealthRepository) {}

  async execute(command: RecordUsageCommand, tx: Transaction): Promise<void> {
    if (command.events.length === 0) return;
    await this.health.saveUsage(tx, command.events);
    // In a stable order, so that two batches never lock the same marks in opposite orders.
    await this.health.markDirty(tx, [...new Set(command.events.map((event) => event.tenantId))].sort());
  }
}
