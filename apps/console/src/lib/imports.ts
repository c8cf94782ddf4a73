/** Data import (POST /tenants/{id}/imports): which media type a chosen file is sent as, and how a job reads. */
import { describeProblem, fieldErrors, Problem } from './problem';

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

export interface TenantImport {
  id: string;
  tenantId: string;
  target: string;
  format: string;
  dryRun: boolean;
  status: 'receiving' | 'validating' | 'importing' | 'succeeded' | 'failed' | 'cancelled';
  rowsTotal: number;
  rowsValid: number;
  rowsInvalid: number;
  rowsImported: number;
  bytes: number;
  errors: ImportRowError[];
  failure: { code: string; message: string; limit?: string; max?: number; current?: number } | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

const BY_EXTENSION: Record<string, string> = { csv: 'text/csv', json: 'application/json', ndjson: 'application/x-ndjson', jsonl: 'application/x-ndjson' };

/** The media type to send a file as, from its name (browsers report CSV types inconsistently); undefined when the API takes no such file. */
export function importMediaType(fileName: string): string | undefined {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension ? BY_EXTENSION[extension] : undefined;
}

/** Still worked on: polled, and cancellable. */
export function importRunning(status: string): boolean {
  return status === 'receiving' || status === 'validating' || status === 'importing';
}

export const IMPORT_FORM_FIELDS = ['file', 'dryRun'] as const;
const FILE_QUERY_FIELDS = ['format', 'target', 'Idempotency-Key'];

/**
 * A refused upload's problem at the form's fields: the query's `format`/`target` and the file's own
 * faults (unreadable 400 `malformed-import` naming a column, 413 over a limit, 415 a media type) are
 * the file's; anything else stays in the problem alert.
 */
export function importFieldErrors(problem: Problem | undefined, status: number): Record<string, string> {
  const errors = fieldErrors(problem, IMPORT_FORM_FIELDS);
  // The query's fields are set from the chosen file: their messages (which name them) go to the file input whole.
  const fromFile = (problem?.errors ?? []).filter((e) => e && FILE_QUERY_FIELDS.includes(String(e.field)));
  if (fromFile.length > 0) {
    delete errors['_form'];
    const message = fromFile.map((e) => e.message).join('; ');
    errors['file'] = message.charAt(0).toUpperCase() + message.slice(1);
  }
  const type = typeof problem?.type === 'string' ? problem.type : '';
  const aboutTheFile = status === 413 || status === 415 || type.endsWith('/malformed-import');
  if (aboutTheFile) {
    const { _form: _unused, ...rest } = errors;
    return { ...rest, file: rest['file'] ?? describeProblem(problem, status) };
  }
  return errors;
}

/** One line on the job's counts, as a person reads them. */
export function importSummary(job: TenantImport): string {
  const read = `${job.rowsTotal} row${job.rowsTotal === 1 ? '' : 's'} read, ${job.rowsValid} valid, ${job.rowsInvalid} failed`;
  if (job.dryRun) return `${read}; dry run: nothing written.`;
  if (job.status === 'cancelled') return `${read}; cancelled: ${job.rowsImported} row${job.rowsImported === 1 ? '' : 's'} applied and kept.`;
  return `${read}, ${job.rowsImported} applied.`;
}
