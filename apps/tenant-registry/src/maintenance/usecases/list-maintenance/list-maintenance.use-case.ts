/** The current and coming maintenance windows (scheduled and active), soonest first. */
import { Injectable } from '@nestjs/common';
import { MaintenanceWindow } from '../../maintenance-window.row';
import { MaintenanceRepository } from '../../maintenance.repository';

@Injectable()
export class ListMaintenanceUseCase {
  constructor(private readonly repository: MaintenanceRepository) {}

  execute(): Promise<MaintenanceWindow[]> {
    return this.repository.open();
  }
}
