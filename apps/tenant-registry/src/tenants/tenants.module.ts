/** The tenants feature: registry API, lifecycle, limits, provisioning outcomes (its Kafka consumer) and trial expiry. */
import { Module } from '@nestjs/common';
import { PostgresTenantRepository } from './postgres-tenant.repository';
import { TenantRepository } from './tenant.repository';
import { TenantStatusChanges } from './tenant-status-change';
import { TenantLimitsController } from './tenant-limits.controller';
import { TenantProvisioningConsumer } from './tenant-provisioning.consumer';
import { TenantsController } from './tenants.controller';
import { TrialExpiryScheduler } from './trial-expiry.scheduler';
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
  GetTenantLimitsUseCase,
  SetTenantLimitsUseCase,
];

@Module({
  controllers: [TenantsController, TenantLimitsController],
  providers: [{ provide: TenantRepository, useClass: PostgresTenantRepository }, TenantStatusChanges, ...USE_CASES, TrialExpiryScheduler, TenantProvisioningConsumer],
})
export class TenantsModule {}
