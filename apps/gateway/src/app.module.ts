/** The gateway: chassis, then one module per feature. */
import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@tenantry/service';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { ApiUsageModule } from './api-usage';
import { AuditModule } from './audit/audit.module';
import { BillingModule } from './billing/billing.module';
import { GatewayConfig } from './gateway.config';
import { PerformanceModule } from './performance/performance.module';
import { LimitsModule } from './limits/limits.module';
import { QuotaModule } from './quota';
import { RateLimitModule } from './rate-limit';
import { SERVICE } from './service';
import { TenantStatusModule } from './tenant-status';
import { TenantsModule } from './tenants/tenants.module';
import { UsageModule } from './usage/usage.module';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition: SERVICE, config }), TenantStatusModule, RateLimitModule, ApiKeysModule, AuditModule, TenantsModule, UsageModule, ApiUsageModule, PerformanceModule, QuotaModule, LimitsModule, BillingModule],
    };
  }
}
