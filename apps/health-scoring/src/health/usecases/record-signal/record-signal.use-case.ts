/** Projects one lifecycle, alert or billing event (once per event id) and recomputes the tenant's score in the same transaction. */
import { Injectable } from '@nestjs/common';
import { Transaction } from '@tenantry/persistence';
import { HealthRepository } from '../../../projection/health.repository';
import { RecomputeHealthCommand } from '../recompute-health/recompute-health.command';
import { RecomputeHealthUseCase } from '../recompute-health/recompute-health.use-case';
import { RecordSignalCommand } from './record-signal.command';

@Injectable()
export class RecordSignalUseCase {
  constructor(
    private readonly health: HealthRepository,
    private readonly recompute: RecomputeHealthUseCase,
  ) {}

  async execute(command: RecordSignalCommand, tx: Transaction): Promise<void> {
    if (!(await this.health.saveSignal(tx, command.signal))) return;
    await this.recompute.execute(new RecomputeHealthCommand(command.signal.tenantId, command.now), tx);
  }
}
