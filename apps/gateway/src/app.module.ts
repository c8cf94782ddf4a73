/** The gateway: chassis, then one module per feature. */
import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@tenantry/service';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuditModule } from './audit/audit.module';
import { GatewayConfig } from './gateway.config';
import { SERVICE } from './service';
import { TenantStatusConsumer, TenantStatusModule } from './tenant-status';
import { TenantsModule } from './tenants/tenants.module';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition: SERVICE, config, consumers: [TenantStatusConsumer] }), TenantStatusModule, ApiKeysModule, AuditModule, TenantsModule],
    };
  }
}
