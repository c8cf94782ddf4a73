/** The tenant-status projection: its consumer, table and the guard that enforces it. */
import { Module } from '@nestjs/common';
import { TenantStateGuard } from './tenant-state.guard';
import { TenantStatusConsumer } from './tenant-status.consumer';
import { TenantStatusRepository } from './tenant-status.repository';
import { PostgresTenantStatusRepository } from './postgres-tenant-status.repository';

@Module({
  providers: [{ provide: TenantStatusRepository, useClass: PostgresTenantStatusRepository }, TenantStateGuard, TenantStatusConsumer],
  exports: [TenantStatusRepository, TenantStateGuard],
})
export class TenantStatusModule {}
