/** The gateway: chassis, then one module per feature. */
import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@tenantry/service';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { ApiUsageModule } from './api-usage';
import { AuditModule } from './audit/audit.module';
import { BillingModule } from './billing/billing.module';
import { CallerModule } from './caller/caller.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { NotificationsModule } from './notifications/notifications.module';
import { GatewayConfig } from './gateway.config';
import { HealthModule } from './health/health.module';
import { JourneysModule } from './journeys/journeys.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { PerformanceModule } from './performance/performance.module';
import { LimitsModule } from './limits/limits.module';
import { ConfigurationModule } from './configuration/configuration.module';
import { QuotaModule } from './quota';
import { RateLimitModule } from './rate-limit';
import { SERVICE } from './service';
import { TenantStatusModule } from './tenant-status';
import { TenantsModule } from './tenants/tenants.module';
import { UsageModule } from './usage/usage.module';
import { ImpersonationsModule } from './impersonations/impersonations.module';
import { TenantUsersModule } from './tenant-users/tenant-users.module';
import { TenantImportsModule } from './tenant-imports/tenant-imports.module';
import { BulkJobsModule } from './bulk-jobs/bulk-jobs.module';
import { MaintenanceModule } from './maintenance/maintenance.module';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition: SERVICE, config }), TenantStatusModule, RateLimitModule, ApiKeysModule, CallerModule, AuditModule, TenantsModule, UsageModule, ApiUsageModule, PerformanceModule, QuotaModule, LimitsModule, ConfigurationModule, BillingModule, HealthModule, AnalyticsModule, JourneysModule, WebhooksModule, NotificationsModule, TenantUsersModule, TenantImportsModule, ImpersonationsModule, BulkJobsModule, MaintenanceModule],
    };
  }
}
