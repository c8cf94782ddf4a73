/** The metering application: the chassis plus the tenant projection and the usage feature. */
import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@tenantry/service';
import { ApiUsageConsumer } from './api-usage/api-usage.consumer';
import { ApiUsageModule } from './api-usage/api-usage.module';
import { CollectorsModule } from './collectors/collectors.module';
import { LimitsModule } from './limits/limits.module';
import { MeteringConfig } from './metering.config';
import { ResourcesModule } from './resources/resources.module';
import { TenantResourcesConsumer } from './resources/tenant-resources.consumer';
import { SERVICE } from './service';
import { SummaryModule } from './summary/summary.module';
import { TenantLifecycleConsumer } from './tenants/tenant-lifecycle.consumer';
import { TenantsModule } from './tenants/tenants.module';
import { UsageAggregationConsumer } from './usage/usage-aggregation.consumer';
import { UsageModule } from './usage/usage.module';

@Module({})
export class AppModule {
  static register(config: MeteringConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceModule.forRoot({ definition: SERVICE, config, consumers: [TenantLifecycleConsumer, UsageAggregationConsumer, TenantResourcesConsumer, ApiUsageConsumer], imports: [ApiUsageModule, TenantsModule, UsageModule, ResourcesModule, LimitsModule] }),
        TenantsModule,
        UsageModule,
        ResourcesModule,
        CollectorsModule,
        SummaryModule,
      ],
    };
  }
}
