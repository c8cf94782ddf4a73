/** A tenant's data imports, run by provisioning (owner of the tenant databases). */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStatusModule } from '../tenant-status';
import { UpstreamModule } from '../upstream';
import { TenantImportsController } from './tenant-imports.controller';
import { StartTenantImportUseCase } from './usecases/start-tenant-import/start-tenant-import.use-case';

@Module({
  imports: [AuthModule, UpstreamModule, TenantStatusModule],
  controllers: [TenantImportsController],
  providers: [StartTenantImportUseCase],
})
export class TenantImportsModule {}
