/**
 * The alerts read API. Apart from AlertsModule because it needs the tenant projection, whose module
 * depends on AlertsModule already (through the limits).
 */
import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { AlertsController } from './alerts.controller';
import { AlertsModule } from './alerts.module';
import { ListUsageAlertsUseCase } from './usecases/list-usage-alerts/list-usage-alerts.use-case';

@Module({
  imports: [AlertsModule, TenantsModule],
  controllers: [AlertsController],
  providers: [ListUsageAlertsUseCase],
})
export class AlertsApiModule {}
