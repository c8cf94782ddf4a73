/** One tick of the maintenance clock: starts the windows whose start came and ends those whose end came. */
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { MaintenanceWindows } from '../../maintenance-windows';
import { MaintenanceRepository } from '../../maintenance.repository';

const BATCH = 100;

@Injectable()
export class AdvanceMaintenanceUseCase {
  constructor(
    private readonly repository: MaintenanceRepository,
    private readonly windows: MaintenanceWindows,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  /** The number of windows moved. */
  execute(): Promise<number> {
    return this.transactions.run(async (tx) => {
      const now = this.clock.now();
      const due = await this.repository.lockDue(tx, now, BATCH);
      for (const window of due) {
        // A window whose start and end both passed while nobody ticked still starts, then ends at the next tick.
        if (window.status === 'scheduled') await this.windows.start(tx, window);
        else await this.windows.end(tx, window, now, false);
      }
      return due.length;
    });
  }
}
