/** The tenant's retained export archive: its metadata, or a stream of it. */
import { createReadStream, ReadStream } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { tenantScope } from '@tenantry/persistence';
import { PROVISIONING_PROBLEMS } from '../../../provisioning.problems';
import { exportUri } from '../../../saga/host-paths';
import { TenantExport } from '../../tenant-export.row';
import { TenantExportRepository } from '../../tenant-export.repository';

export interface ExportDto {
  tenantId: string;
  exportId: string;
  /** Opaque (`urn:tenantry:export:<exportId>`): the archive is fetched with `?download=true`, never by a path. */
  archiveUri: string;
  sha256: string;
  bytes: number;
  createdAt: string;
  retainedUntil: string;
}

function toExportDto(record: TenantExport): ExportDto {
  return {
    tenantId: record.tenantId,
    exportId: record.sagaId,
    archiveUri: exportUri(record.sagaId),
    sha256: record.sha256,
    bytes: record.bytes,
    createdAt: record.createdAt.toISOString(),
    retainedUntil: record.retainedUntil.toISOString(),
  };
}

@Injectable()
export class GetExportUseCase {
  constructor(
    private readonly exports: TenantExportRepository,
    private readonly clock: Clock,
  ) {}

  async execute(tenantId: string): Promise<ExportDto> {
    return toExportDto(await this.find(tenantId));
  }

  async download(tenantId: string): Promise<{ record: ExportDto; stream: ReadStream }> {
    const record = await this.find(tenantId);
    return { record: toExportDto(record), stream: createReadStream(record.archivePath) };
  }

  private async find(tenantId: string): Promise<TenantExport> {
    const record = await this.exports.latestRetained(tenantScope(tenantId), this.clock.now());
    if (!record) throw PROVISIONING_PROBLEMS['export-not-found'](`tenant ${tenantId} has no export archive within its retention`);
    return record;
  }
}
