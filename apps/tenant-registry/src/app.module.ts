/** The tenant-registry application: the chassis plus the tenants feature. */
import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@tenantry/service';
import { TenantRegistryConfig } from './tenant-registry.config';
import { SERVICE } from './service';
import { TenantsModule } from './tenants/tenants.module';
import { BulkJobsModule } from './bulk-jobs/bulk-jobs.module';

@Module({})
export class AppModule {
  static register(config: TenantRegistryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition: SERVICE, config }), TenantsModule, BulkJobsModule],
    };
  }
}
