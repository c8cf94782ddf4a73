/** The metering application: the chassis plus the tenant projection and the usage feature. */
import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@tenantry/service';
import { MeteringConfig } from './metering.config';
import { SERVICE } from './service';
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
        ServiceModule.forRoot({ definition: SERVICE, config, consumers: [TenantLifecycleConsumer, UsageAggregationConsumer], imports: [TenantsModule, UsageModule] }),
        TenantsModule,
        UsageModule,
      ],
    };
  }
}
