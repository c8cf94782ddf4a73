/** TenantImport → the JSON the internal API answers (and the gateway passes on). */
import { ImportFailure, ImportRowError, TenantImport } from './tenant-import';

export interface TenantImportView {
  id: string;
  tenantId: string;
  target: string;
  format: string;
  dryRun: boolean;
  status: string;
  rowsTotal: number;
  rowsValid: number;
  rowsInvalid: number;
  rowsImported: number;
  bytes: number;
  errors: ImportRowError[];
  failure: ImportFailure | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export function toTenantImportView(job: TenantImport): TenantImportView {
  return {
    id: job.id,
    tenantId: job.tenantId,
    target: job.target,
    format: job.format,
    dryRun: job.dryRun,
    status: job.status,
    rowsTotal: job.rowsTotal,
    rowsValid: job.rowsValid,
    rowsInvalid: job.rowsInvalid,
    rowsImported: job.rowsImported,
    bytes: job.bytes,
    errors: job.errors,
    failure: job.failure,
    createdBy: job.createdBy,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
