/** Ends an active window early or cancels a scheduled one, and announces MaintenanceEnded. */
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { MaintenanceWindow } from '../../maintenance-window.row';
import { MAINTENANCE_PROBLEMS, MaintenanceWindows } from '../../maintenance-windows';
import { MaintenanceRepository } from '../../maintenance.repository';
import { EndMaintenanceCommand } from './end-maintenance.command';

@Injectable()
export class EndMaintenanceUseCase {
  constructor(
    private readonly repository: MaintenanceRepository,
    private readonly windows: MaintenanceWindows,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  execute(command: EndMaintenanceCommand): Promise<MaintenanceWindow> {
    return this.transactions.run(async (tx) => {
      const window = await this.repository.lock(tx, command.maintenanceId);
      if (!window) throw MAINTENANCE_PROBLEMS['maintenance-not-found'](`No maintenance window has the id ${command.maintenanceId}`);
      return this.windows.end(tx, window, this.clock.now(), true);
    });
  }
}
