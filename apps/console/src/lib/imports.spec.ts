import { importFieldErrors, importMediaType, importRunning, importSummary, TenantImport } from './imports';

const JOB: TenantImport = {
  id: 'j',
  tenantId: 't',
  target: 'users',
  format: 'csv',
  dryRun: false,
  status: 'succeeded',
  rowsTotal: 3,
  rowsValid: 2,
  rowsInvalid: 1,
  rowsImported: 0,
  bytes: 10,
  errors: [],
  failure: null,
  createdBy: 'key:x',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  finishedAt: null,
};

describe('importMediaType', () => {
  it('sends a file as the media type of its extension, whatever its case', () => {
    expect(importMediaType('users.csv')).toBe('text/csv');
    expect(importMediaType('USERS.JSON')).toBe('application/json');
    expect(importMediaType('a.b.ndjson')).toBe('application/x-ndjson');
    expect(importMediaType('users.xlsx')).toBeUndefined();
    expect(importMediaType('users')).toBeUndefined();
  });
});

describe('importRunning', () => {
  it('is true until the job is over', () => {
    expect(['receiving', 'validating', 'importing'].every(importRunning)).toBe(true);
    expect(['succeeded', 'failed', 'cancelled'].some(importRunning)).toBe(false);
  });
});

describe('importFieldErrors', () => {
  it('puts a query field error and the file’s own faults at the file input', () => {
    expect(importFieldErrors({ type: 'https://tenantry.dev/problems/validation-failed', errors: [{ field: 'format', message: 'format json does not match' }] }, 400)).toEqual({ file: 'Format json does not match' });
    expect(importFieldErrors({ type: 'https://tenantry.dev/problems/malformed-import', detail: 'The file has no email column', field: 'email' }, 400)).toEqual({ file: 'The file has no email column' });
    expect(importFieldErrors({ type: 'https://tenantry.dev/problems/import-too-large', detail: 'The file is larger than the import limit' }, 413)).toEqual({ file: 'The file is larger than the import limit' });
  });

  it('leaves other problems to the alert', () => {
    expect(importFieldErrors({ type: 'https://tenantry.dev/problems/forbidden', detail: 'no' }, 403)).toEqual({});
  });
});

describe('importSummary', () => {
  it('says what was read, failed and applied, and what a cancel kept', () => {
    expect(importSummary({ ...JOB, rowsImported: 2, rowsInvalid: 0, rowsValid: 3 })).toBe('3 rows read, 3 valid, 0 failed, 2 applied.');
    expect(importSummary({ ...JOB, dryRun: true })).toBe('3 rows read, 2 valid, 1 failed; dry run: nothing written.');
    expect(importSummary({ ...JOB, status: 'cancelled' })).toBe('3 rows read, 2 valid, 1 failed; cancelled: 0 rows applied and kept.');
  });
});
