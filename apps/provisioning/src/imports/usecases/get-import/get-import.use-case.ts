/** An import job of a tenant, or its recent ones: progress, counts and per-row errors. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { PROVISIONING_PROBLEMS } from '../../../provisioning.problems';
import { TenantImport } from '../../tenant-import';
import { TenantImportRepository } from '../../tenant-import.repository';

const LISTED = 50;

@Injectable()
export class GetImportUseCase {
  constructor(private readonly imports: TenantImportRepository) {}

  async execute(tenantId: string, importId: string): Promise<TenantImport> {
    const job = await this.imports.find(tenantScope(tenantId), importId);
    if (!job) throw PROVISIONING_PROBLEMS['import-not-found'](`No import ${importId} for this tenant.`);
    return job;
  }

  list(tenantId: string): Promise<TenantImport[]> {
    return this.imports.list(tenantScope(tenantId), LISTED);
  }
}
