/**
 * Cancels a tenant's import job that is not over. The job is `cancelled` at once; the runner working
 * on it sees that at its next chunk boundary (a batch of rows) and stops. Because a real run writes
 * its rows in one tenant transaction, stopping rolls that transaction back: what was applied before
 * the cancel is what had committed, which is nothing — unless the cancel arrived while the last
 * chunk was committing, in which case the rows are kept and the job says so (`rowsImported`).
 */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { PROVISIONING_PROBLEMS } from '../../../provisioning.problems';
import { TenantImport } from '../../tenant-import';
import { TenantImportRepository } from '../../tenant-import.repository';

@Injectable()
export class CancelImportUseCase {
  constructor(
    private readonly imports: TenantImportRepository,
    private readonly clock: Clock,
  ) {}

  async execute(tenantId: string, importId: string): Promise<TenantImport> {
    const scope = tenantScope(tenantId);
    const cancelled = await this.imports.cancel(scope, importId, this.clock.now());
    if (cancelled) return cancelled;
    const job = await this.imports.find(scope, importId);
    if (!job) throw PROVISIONING_PROBLEMS['import-not-found'](`No import ${importId} for this tenant.`);
    throw PROVISIONING_PROBLEMS['import-finished'](`Import ${importId} is already ${job.status}; only a job still receiving, validating or importing can be cancelled.`, { importStatus: job.status });
  }
}
