/** The tenants feature: registry API, lifecycle, limits, versioned configuration, provisioning outcomes and billing's decisions (its Kafka consumers), and the optional trial-expiry sweep. */
import { Module } from '@nestjs/common';
import { PostgresTenantRepository } from './postgres-tenant.repository';
import { TenantRepository } from './tenant.repository';
import { TenantStatusChanges } from './tenant-status-change';
import { TenantLimitsController } from './tenant-limits.controller';
import { TenantBillingConsumer } from './tenant-billing.consumer';
import { TenantProvisioningConsumer } from './tenant-provisioning.consumer';
import { TenantsController } from './tenants.controller';
import { TrialExpiryScheduler } from './trial-expiry.scheduler';
import { ApplyBillingOutcomeUseCase } from './usecases/apply-billing-outcome/apply-billing-outcome.use-case';
import { CreateTenantUseCase } from './usecases/create-tenant/create-tenant.use-case';
import { ExpireTrialsUseCase } from './usecases/expire-trials/expire-trials.use-case';
import { GetTenantUseCase } from './usecases/get-tenant/get-tenant.use-case';
import { GetTenantLimitsUseCase } from './usecases/get-tenant-limits/get-tenant-limits.use-case';
import { GetTenantHistoryUseCase } from './usecases/get-tenant-history/get-tenant-history.use-case';
import { ListTenantsUseCase } from './usecases/list-tenants/list-tenants.use-case';
import { OffboardTenantUseCase } from './usecases/offboard-tenant/offboard-tenant.use-case';
import { ReactivateTenantUseCase } from './usecases/reactivate-tenant/reactivate-tenant.use-case';
import { RecordProvisioningOutcomeUseCase } from './usecases/record-provisioning-outcome/record-provisioning-outcome.use-case';
import { RetryProvisioningUseCase } from './usecases/retry-provisioning/retry-provisioning.use-case';
import { SetTenantLimitsUseCase } from './usecases/set-tenant-limits/set-tenant-limits.use-case';
import { SuspendTenantUseCase } from './usecases/suspend-tenant/suspend-tenant.use-case';
import { UpdateTenantUseCase } from './usecases/update-tenant/update-tenant.use-case';
import { ConfigurationSecrets } from './configuration/configuration-secrets';
import { PostgresTenantConfigurationRepository } from './configuration/postgres-tenant-configuration.repository';
import { ConfigurationSchemaController, TenantConfigurationController } from './configuration/tenant-configuration.controller';
import { TenantConfigurationRepository } from './configuration/tenant-configuration.repository';
import { TenantConfigurations } from './configuration/tenant-configurations';
import { ChangeTenantConfigurationUseCase } from './usecases/change-tenant-configuration/change-tenant-configuration.use-case';
import { DiffConfigurationVersionsUseCase } from './usecases/diff-configuration-versions/diff-configuration-versions.use-case';
import { GetTenantConfigurationUseCase } from './usecases/get-tenant-configuration/get-tenant-configuration.use-case';
import { ListConfigurationVersionsUseCase } from './usecases/list-configuration-versions/list-configuration-versions.use-case';
import { RollbackTenantConfigurationUseCase } from './usecases/rollback-tenant-configuration/rollback-tenant-configuration.use-case';

const USE_CASES = [
  CreateTenantUseCase,
  ListTenantsUseCase,
  GetTenantUseCase,
  UpdateTenantUseCase,
  SuspendTenantUseCase,
  ReactivateTenantUseCase,
  OffboardTenantUseCase,
  RetryProvisioningUseCase,
  GetTenantHistoryUseCase,
  RecordProvisioningOutcomeUseCase,
  ExpireTrialsUseCase,
  ApplyBillingOutcomeUseCase,
  GetTenantLimitsUseCase,
  SetTenantLimitsUseCase,
  GetTenantConfigurationUseCase,
  ChangeTenantConfigurationUseCase,
  RollbackTenantConfigurationUseCase,
  ListConfigurationVersionsUseCase,
  DiffConfigurationVersionsUseCase,
];

@Module({
  controllers: [TenantsController, TenantLimitsController, TenantConfigurationController, ConfigurationSchemaController],
  providers: [
    { provide: TenantRepository, useClass: PostgresTenantRepository },
    { provide: TenantConfigurationRepository, useClass: PostgresTenantConfigurationRepository },
    ConfigurationSecrets,
    TenantConfigurations,
    TenantStatusChanges, ...USE_CASES,     TrialExpiryScheduler,
    TenantProvisioningConsumer,
    TenantBillingConsumer,
  ],
  // For bulk jobs: they change tenants through the same use cases, inside their own transactions.
  exports: [TenantRepository, TenantStatusChanges, UpdateTenantUseCase, SetTenantLimitsUseCase, ChangeTenantConfigurationUseCase],
})
export class TenantsModule {}
