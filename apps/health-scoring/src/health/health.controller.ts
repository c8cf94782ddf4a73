/** A tenant's health score and its history (internal API; the gateway exposes them under /api/v1/platform/tenants/{id}/health). */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { HealthHistoryDto, HealthHistoryQueryDto, TenantHealthViewDto } from '@tenantry/health-api';
import { UuidParamPipe } from '@tenantry/service';
import { toHealthHistory, toHealthView } from './health.mapper';
import { GetHealthHistoryCommand } from './usecases/get-health-history/get-health-history.command';
import { GetHealthHistoryUseCase } from './usecases/get-health-history/get-health-history.use-case';
import { GetHealthCommand } from './usecases/get-health/get-health.command';
import { GetHealthUseCase } from './usecases/get-health/get-health.use-case';

@Controller('internal/v1')
export class TenantHealthController {
  constructor(
    private readonly getHealth: GetHealthUseCase,
    private readonly getHistory: GetHealthHistoryUseCase,
  ) {}

  @Get('tenants/:id/health')
  async health(@Param('id', UuidParamPipe) id: string): Promise<TenantHealthViewDto> {
    const { score, churn } = await this.getHealth.execute(new GetHealthCommand(id));
    return toHealthView(id, score, churn);
  }

  @Get('tenants/:id/health/history')
  async history(@Param('id', UuidParamPipe) id: string, @Query() query: HealthHistoryQueryDto): Promise<HealthHistoryDto> {
    return toHealthHistory(id, await this.getHistory.execute(new GetHealthHistoryCommand(id, query.limit ?? 100)));
  }
}
