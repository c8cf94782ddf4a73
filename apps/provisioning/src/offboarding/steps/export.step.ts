/** Step `export`: the tenant's tables and files in a tar.gz with its SHA-256, kept for the retention period. */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { TenantExportRepository } from '../../exports/tenant-export.repository';
import { ExportArchive } from '../../infrastructure/export-archive';
import { TenantDatabase } from '../../infrastructure/tenant-database';
import { TenantStorage } from '../../infrastructure/tenant-storage';
import { ProvisioningConfig } from '../../provisioning.config';
import { recordedIdentity } from '../../provisioning/recorded-identity';
import { TenantCredentialRepository } from '../../provisioning/tenant-credential.repository';
import { exportUri } from '../../saga/host-paths';
import { SagaStep, StepContext, StepOutcome } from '../../saga/saga.model';
import { offboardingInput } from '../offboarding-input';

const DAY_MS = 86_400_000;

@Injectable()
export class ExportStep implements SagaStep {
  readonly name = 'export';

  constructor(
    private readonly tenantDatabase: TenantDatabase,
    private readonly credentials: TenantCredentialRepository,
    private readonly storage: TenantStorage,
    private readonly archive: ExportArchive,
    private readonly exports: TenantExportRepository,
    private readonly clock: Clock,
    private readonly config: ProvisioningConfig,
  ) {}

  async execute(context: StepContext): Promise<StepOutcome> {
    const now = this.clock.now();
    // The longer of the registry's retention for this tenant and the operator's floor.
    const retentionDays = Math.max(offboardingInput(context).retentionDays ?? 0, this.config.EXPORT_RETENTION_DAYS);
    // A tenant whose provisioning was compensated has no database: its archive holds its files only.
    const identity = await recordedIdentity(this.credentials, context.tenantId);
    const tables = identity ? await this.tenantDatabase.exportTables(identity) : [];
    const written = await this.archive.write({ tenantId: context.tenantId, exportId: context.sagaId, createdAt: now, tables, storageRoot: this.storage.rootOf(context.tenantId) });
    const retainedUntil = new Date(now.getTime() + retentionDays * DAY_MS);
    await this.exports.save({ sagaId: context.sagaId, tenantId: context.tenantId, archivePath: written.path, sha256: written.sha256, bytes: written.bytes, createdAt: now, retainedUntil });
    return {
      status: 'succeeded',
      detail: { exportId: context.sagaId, archiveUri: exportUri(context.sagaId), sha256: written.sha256, bytes: written.bytes, tables: tables.map((table) => table.table), retainedUntil: retainedUntil.toISOString() },
    };
  }
}
