/** A data import job as provisioning keeps it (provisioning.tenant_import), and what it reports. */
import { ImportFormat } from './import-rows';

export const IMPORT_STATUSES = ['receiving', 'validating', 'importing', 'succeeded', 'failed', 'cancelled'] as const;
/** A job in one of these is over: it never changes again. */
export const FINISHED_IMPORT_STATUSES: readonly ImportStatus[] = ['succeeded', 'failed', 'cancelled'];
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_TARGET_NAMES = ['users'] as const;
export type ImportTarget = (typeof IMPORT_TARGET_NAMES)[number];

/** At most this many per-row errors are kept on a job; `rowsInvalid` counts them all. */
export const MAX_KEPT_ERRORS = 100;

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

/** Why a whole job failed (not one row): e.g. the `users` limit, or rows taken since validation. */
export interface ImportFailure {
  code: 'invalid-rows' | 'users-limit-reached' | 'conflict' | 'upload-interrupted' | 'internal';
  message: string;
  limit?: string;
  max?: number;
  current?: number;
}

export interface TenantImport {
  id: string;
  tenantId: string;
  target: ImportTarget;
  format: ImportFormat;
  dryRun: boolean;
  status: ImportStatus;
  rowsTotal: number;
  rowsValid: number;
  rowsInvalid: number;
  rowsImported: number;
  bytes: number;
  errors: ImportRowError[];
  failure: ImportFailure | null;
  usersLimit: { limit: number; mode: 'hard' | 'soft' } | null;
  idempotencyKey: string | null;
  invitationExpiresAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** A staged, field-valid row of a `users` import (e-mail lower-cased). */
export interface StagedUserRow {
  rowNo: number;
  email: string;
  role: string;
  name: string | null;
}
