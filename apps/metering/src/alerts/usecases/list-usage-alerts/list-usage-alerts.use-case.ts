/** Lists the alerts metering raised for one tenant (limit thresholds, exceeded limits, anomalies), newest first. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { TenantProjectionRepository } from '../../../tenants/tenant-projection.repository';
import { tenantNotFound } from '../../../usage/usage.problems';
import { AlertRepository } from '../../alert.repository';
import { alertView } from '../../alert.mapper';
import { UsageAlertsView } from '../../dto/usage-alert-view.dto';
import { ListUsageAlertsCommand } from './list-usage-alerts.command';

@Injectable()
export class ListUsageAlertsUseCase {
  constructor(
    private readonly tenants: TenantProjectionRepository,
    private readonly alerts: AlertRepository,
  ) {}

  async execute(command: ListUsageAlertsCommand): Promise<UsageAlertsView> {
    const scope = tenantScope(command.tenantId);
    if (!(await this.tenants.status(scope))) throw tenantNotFound(command.tenantId);
    const alerts = await this.alerts.listForTenant({ ...scope, from: command.from, limit: command.limit });
    return { tenantId: command.tenantId, alerts: alerts.map(alertView) };
  }
}
