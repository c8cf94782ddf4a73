/** The tenant-status projection: its consumer, table and the guard that enforces it. */
import { Global, Module } from '@nestjs/common';
import { TenantStateGuard } from './tenant-state.guard';
import { TenantStatusRepository } from './tenant-status.repository';
import { PostgresTenantStatusRepository } from './postgres-tenant-status.repository';

// Global because the chassis instantiates consumers inside ServiceModule, which cannot import
// feature modules; the consumer needs the repository from there.
@Global()
@Module({
  providers: [{ provide: TenantStatusRepository, useClass: PostgresTenantStatusRepository }, TenantStateGuard],
  exports: [TenantStatusRepository, TenantStateGuard],
})
export class TenantStatusModule {}
