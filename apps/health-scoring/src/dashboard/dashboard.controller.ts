/** The tenant dashboard (internal API; the gateway exposes it as GET /api/v1/platform/tenants/{id}/dashboard). */
import { Controller, Get, Param } from '@nestjs/common';
import { TenantDashboardDto } from '@tenantry/health-api';
import { UuidParamPipe } from '@tenantry/service';
import { GetDashboardCommand } from './usecases/get-dashboard/get-dashboard.command';
import { GetDashboardUseCase } from './usecases/get-dashboard/get-dashboard.use-case';

@Controller('internal/v1')
export class DashboardController {
  constructor(private readonly getDashboard: GetDashboardUseCase) {}

  @Get('tenants/:id/dashboard')
  dashboard(@Param('id', UuidParamPipe) id: string): Promise<TenantDashboardDto> {
    return this.getDashboard.execute(new GetDashboardCommand(id));
  }
}
