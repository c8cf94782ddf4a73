/** The audit log: written for every mutating call, read by platform admins. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { AuditRecorder } from './audit-recorder';
import { AuditController, TenantAuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { PostgresAuditRepository } from './postgres-audit.repository';
import { ListAuditEntriesUseCase } from './usecases/list-audit-entries/list-audit-entries.use-case';

@Module({
  imports: [AuthModule],
  controllers: [AuditController, TenantAuditController],
  providers: [{ provide: AuditRepository, useClass: PostgresAuditRepository }, AuditRecorder, ListAuditEntriesUseCase],
})
export class AuditModule {}
