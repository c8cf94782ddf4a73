/**
 * The resource collectors: measure each provisioned tenant's database size, storage size and active
 * users on an interval and record them as usage through metering's outbox.
 */
import { Module } from '@nestjs/common';
import { MeteringConfig } from '../metering.config';
import { ResourcesModule } from '../resources/resources.module';
import { TenantsModule } from '../tenants/tenants.module';
import { CollectedUsageRecorder, OutboxCollectedUsageRecorder } from './collected-usage.recorder';
import { ResourceCollectorScheduler } from './resource-collector.scheduler';
import { FsStorageProbe, StorageProbe } from './storage.probe';
import { PgTenantDatabaseProbe, TenantDatabaseProbe } from './tenant-database.probe';
import { CollectResourcesUseCase } from './usecases/collect-resources/collect-resources.use-case';

@Module({
  imports: [TenantsModule, ResourcesModule],
  providers: [
    { provide: TenantDatabaseProbe, useFactory: (config: MeteringConfig) => new PgTenantDatabaseProbe(config.TENANT_DATABASE_URL), inject: [MeteringConfig] },
    { provide: StorageProbe, useClass: FsStorageProbe },
    { provide: CollectedUsageRecorder, useClass: OutboxCollectedUsageRecorder },
    CollectResourcesUseCase,
    ResourceCollectorScheduler,
  ],
  exports: [CollectResourcesUseCase],
})
export class CollectorsModule {}
