/** The metering application: the chassis plus one module per feature (each provides its own Kafka consumers). */
import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@tenantry/service';
import { AlertsApiModule } from './alerts/alerts-api.module';
import { ApiUsageModule } from './api-usage/api-usage.module';
import { CollectorsModule } from './collectors/collectors.module';
import { LimitsModule } from './limits/limits.module';
import { MeteringConfig } from './metering.config';
import { MetersModule } from './meters/meters.module';
import { ResourcesModule } from './resources/resources.module';
import { SERVICE } from './service';
import { SummaryModule } from './summary/summary.module';
import { TenantsModule } from './tenants/tenants.module';
import { UsageModule } from './usage/usage.module';

@Module({})
export class AppModule {
  static register(config: MeteringConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition: SERVICE, config }), MetersModule, TenantsModule, LimitsModule, UsageModule, ApiUsageModule, ResourcesModule, CollectorsModule, SummaryModule, AlertsApiModule],
    };
  }
}
