/** Import jobs on PostgreSQL (provisioning.tenant_import, tenant_import_row). */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { ImportFormat } from './import-rows';
import { FINISHED_IMPORT_STATUSES, ImportFailure, ImportRowError, ImportStatus, ImportTarget, MAX_KEPT_ERRORS, StagedUserRow, TenantImport } from './tenant-import';
import { ImportProgress, TenantImportRepository } from './tenant-import.repository';

interface JobRow {
  id: string;
  tenant_id: string;
  target: ImportTarget;
  format: ImportFormat;
  dry_run: boolean;
  status: ImportStatus;
  rows_total: number;
  rows_valid: number;
  rows_invalid: number;
  rows_imported: number;
  bytes: string;
  errors: ImportRowError[];
  failure: ImportFailure | null;
  users_limit: TenantImport['usersLimit'];
  idempotency_key: string | null;
  invitation_expires_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

interface StagedRow {
  row_no: number;
  email: string;
  role: string;
  name: string | null;
}

const COLUMNS = `id, tenant_id, target, format, dry_run, status, rows_total, rows_valid, rows_invalid, rows_imported, bytes, errors, failure, users_limit,
  idempotency_key, invitation_expires_at, created_by, created_at, updated_at, finished_at`;
const FINISHED = FINISHED_IMPORT_STATUSES;

function toJob(row: JobRow): TenantImport {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    target: row.target,
    format: row.format,
    dryRun: row.dry_run,
    status: row.status,
    rowsTotal: row.rows_total,
    rowsValid: row.rows_valid,
    rowsInvalid: row.rows_invalid,
    rowsImported: row.rows_imported,
    bytes: Number(row.bytes),
    errors: row.errors,
    failure: row.failure,
    usersLimit: row.users_limit,
    idempotencyKey: row.idempotency_key,
    invitationExpiresAt: row.invitation_expires_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

function toStaged(row: StagedRow): StagedUserRow {
  return { rowNo: row.row_no, email: row.email, role: row.role, name: row.name };
}

@Injectable()
export class PostgresTenantImportRepository extends TenantImportRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async create(job: TenantImport, leaseUntil: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO tenant_import (id, tenant_id, target, format, dry_run, status, users_limit, idempotency_key, created_by, created_at, updated_at, lease_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11)`,
      [job.id, job.tenantId, job.target, job.format, job.dryRun, job.status, job.usersLimit ? JSON.stringify(job.usersLimit) : null, job.idempotencyKey, job.createdBy, job.createdAt, leaseUntil],
    );
  }

  async find(scope: TenantScope, importId: string): Promise<TenantImport | undefined> {
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM tenant_import WHERE tenant_id = $1 AND id = $2`, [scope.tenantId, importId])) as JobRow[];
    return row ? toJob(row) : undefined;
  }

  async findByIdempotencyKey(scope: TenantScope, createdBy: string, key: string): Promise<TenantImport | undefined> {
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM tenant_import WHERE tenant_id = $1 AND created_by = $2 AND idempotency_key = $3`, [
      scope.tenantId,
      createdBy,
      key,
    ])) as JobRow[];
    return row ? toJob(row) : undefined;
  }

  async list(scope: TenantScope, limit: number): Promise<TenantImport[]> {
    return ((await this.dataSource.query(`SELECT ${COLUMNS} FROM tenant_import WHERE tenant_id = $1 ORDER BY created_at DESC, id LIMIT $2`, [scope.tenantId, limit])) as JobRow[]).map(toJob);
  }

  async stage(importId: string, rows: StagedUserRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO tenant_import_row (import_id, row_no, email, role, name) SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
      [importId, rows.map((r) => r.rowNo), rows.map((r) => r.email), rows.map((r) => r.role), rows.map((r) => r.name)],
    );
  }

  async stagedRows(importId: string, afterRowNo: number, limit: number): Promise<(StagedUserRow & { duplicate: boolean })[]> {
    const rows = (await this.dataSource.query(
      `SELECT r.row_no, r.email, r.role, r.name,
              EXISTS (SELECT 1 FROM tenant_import_row o WHERE o.import_id = r.import_id AND o.email = r.email AND o.row_no < r.row_no) AS duplicate
       FROM tenant_import_row r WHERE r.import_id = $1 AND r.row_no > $2 ORDER BY r.row_no LIMIT $3`,
      [importId, afterRowNo, limit],
    )) as (StagedRow & { duplicate: boolean })[];
    return rows.map((row) => ({ ...toStaged(row), duplicate: row.duplicate }));
  }

  async update(importId: string, from: ImportStatus[], to: ImportStatus, progress: ImportProgress, now: Date, options: { leaseUntil?: Date | null; tx?: Transaction } = {}): Promise<boolean> {
    const manager: EntityManager | DataSource = options.tx ? entityManagerOf(options.tx) : this.dataSource;
    const result = (await manager.query(
      `UPDATE tenant_import SET status = $3,
         rows_total = COALESCE($4, rows_total), rows_valid = COALESCE($5, rows_valid), rows_invalid = COALESCE($6, rows_invalid),
         rows_imported = COALESCE($7, rows_imported), bytes = COALESCE($8, bytes),
         errors = CASE WHEN $9::jsonb IS NULL THEN errors
                       ELSE (SELECT COALESCE(jsonb_agg(e), '[]') FROM (SELECT e FROM jsonb_array_elements(errors || $9::jsonb) e LIMIT ${MAX_KEPT_ERRORS}) kept) END,
         failure = CASE WHEN $10::boolean THEN $11::jsonb ELSE failure END,
         invitation_expires_at = COALESCE($12, invitation_expires_at),
         updated_at = $13,
         finished_at = CASE WHEN $3 = ANY($14::text[]) THEN $13 ELSE finished_at END,
         lease_until = CASE WHEN $15::boolean THEN $16::timestamptz ELSE lease_until END
       WHERE id = $1 AND status = ANY($2::text[])`,
      [
        importId,
        from,
        to,
        progress.rowsTotal ?? null,
        progress.rowsValid ?? null,
        progress.rowsInvalid ?? null,
        progress.rowsImported ?? null,
        progress.bytes ?? null,
        progress.errors ? JSON.stringify(progress.errors) : null,
        progress.failure !== undefined,
        progress.failure ? JSON.stringify(progress.failure) : null,
        progress.invitationExpiresAt ?? null,
        now,
        FINISHED,
        options.leaseUntil !== undefined || FINISHED.includes(to),
        FINISHED.includes(to) ? null : (options.leaseUntil ?? null),
      ],
    )) as [unknown[], number];
    return result[1] > 0;
  }

  async statusOf(importId: string): Promise<ImportStatus | undefined> {
    const [row] = (await this.dataSource.query(`SELECT status FROM tenant_import WHERE id = $1`, [importId])) as { status: ImportStatus }[];
    return row?.status;
  }

  async cancel(scope: TenantScope, importId: string, now: Date): Promise<TenantImport | undefined> {
    const result = (await this.dataSource.query(
      `UPDATE tenant_import SET status = 'cancelled', updated_at = $3, finished_at = $3, lease_until = NULL
       WHERE tenant_id = $1 AND id = $2 AND status IN ('receiving', 'validating', 'importing')
       RETURNING ${COLUMNS}`,
      [scope.tenantId, importId, now],
    )) as [JobRow[], number];
    const row = result[0][0];
    return row ? toJob(row) : undefined;
  }

  async heartbeat(importId: string, leaseUntil: Date): Promise<void> {
    await this.dataSource.query(`UPDATE tenant_import SET lease_until = $2 WHERE id = $1 AND status IN ('receiving', 'validating', 'importing')`, [importId, leaseUntil]);
  }

  async remove(importId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM tenant_import WHERE id = $1`, [importId]);
  }

  async clearStaged(importId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM tenant_import_row WHERE import_id = $1`, [importId]);
  }

  async claim(now: Date, leaseUntil: Date): Promise<TenantImport | undefined> {
    const result = (await this.dataSource.query(
      `UPDATE tenant_import SET lease_until = $2 WHERE id = (
         SELECT id FROM tenant_import WHERE status IN ('receiving', 'validating', 'importing') AND (lease_until IS NULL OR lease_until < $1)
         ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [now, leaseUntil],
    )) as [JobRow[], number];
    const row = result[0][0];
    return row ? toJob(row) : undefined;
  }
}
