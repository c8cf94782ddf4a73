/** The tenant dashboard, answered from the health projection alone. */
import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { DashboardController } from './dashboard.controller';
import { GetDashboardUseCase } from './usecases/get-dashboard/get-dashboard.use-case';

@Module({
  imports: [HealthModule],
  controllers: [DashboardController],
  providers: [GetDashboardUseCase],
})
export class DashboardModule {}
