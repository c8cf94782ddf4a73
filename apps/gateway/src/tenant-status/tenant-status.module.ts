/** The tenant-status projection: its consumer, table and the guard that enforces it; a deletion revokes the tenant's keys. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStateGuard } from './tenant-state.guard';
import { TenantStatusConsumer } from './tenant-status.consumer';
import { TenantStatusRepository } from './tenant-status.repository';
import { PostgresTenantStatusRepository } from './postgres-tenant-status.repository';
import { RecordTenantDeletionUseCase } from './usecases/record-tenant-deletion/record-tenant-deletion.use-case';

@Module({
  imports: [AuthModule],
  providers: [{ provide: TenantStatusRepository, useClass: PostgresTenantStatusRepository }, TenantStateGuard, TenantStatusConsumer, RecordTenantDeletionUseCase],
  exports: [TenantStatusRepository, TenantStateGuard],
})
export class TenantStatusModule {}
