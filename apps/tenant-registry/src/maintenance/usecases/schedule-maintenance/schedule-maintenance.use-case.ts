/** Stores a maintenance window and announces it (MaintenanceScheduled; MaintenanceStarted too when it starts now). */
import { Injectable } from '@nestjs/common';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { findPlanOrFail } from '../../../tenants/plan-defaults';
import { tenantNotFound } from '../../../tenants/tenant.problems';
import { TenantRepository } from '../../../tenants/tenant.repository';
import { MaintenanceWindow } from '../../maintenance-window.row';
import { MaintenanceWindows } from '../../maintenance-windows';
import { ScheduleMaintenanceCommand } from './schedule-maintenance.command';

@Injectable()
export class ScheduleMaintenanceUseCase {
  constructor(
    private readonly windows: MaintenanceWindows,
    private readonly tenants: TenantRepository,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(command: ScheduleMaintenanceCommand): Promise<MaintenanceWindow> {
    const { request } = command;
    if (request.planId) await findPlanOrFail(this.tenants, request.planId);
    if (request.tenantId) {
      const tenant = await this.tenants.findTenant(tenantScope(request.tenantId));
      if (!tenant || tenant.status === 'deleted') throw tenantNotFound(request.tenantId);
    }
    return this.transactions.run((tx) => this.windows.schedule(tx, { ...request, actor: command.by.actor }, this.clock.now()));
  }
}
