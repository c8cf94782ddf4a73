/** The alerts read route of metering's internal API (docs/internal-api.md). */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { UuidParamPipe } from '@tenantry/service';
import { DEFAULT_ALERTS_LIMIT, UsageAlertsQueryDto } from '@tenantry/usage-api';
import { UsageAlertsView } from './dto/usage-alert-view.dto';
import { ListUsageAlertsCommand } from './usecases/list-usage-alerts/list-usage-alerts.command';
import { ListUsageAlertsUseCase } from './usecases/list-usage-alerts/list-usage-alerts.use-case';

@Controller('internal/v1')
export class AlertsController {
  constructor(private readonly listAlerts: ListUsageAlertsUseCase) {}

  @Get('tenants/:id/usage/alerts')
  list(@Param('id', UuidParamPipe) tenantId: string, @Query() query: UsageAlertsQueryDto): Promise<UsageAlertsView> {
    return this.listAlerts.execute(new ListUsageAlertsCommand(tenantId, query.limit ?? DEFAULT_ALERTS_LIMIT, query.from === undefined ? undefined : new Date(query.from)));
  }
}
