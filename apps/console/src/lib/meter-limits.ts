/**
 * The limits form's meter rows: limits on operator-defined (and other built-in) meters, as
 * `PUT /tenants/{id}/limits` takes them under `meters`, read from and written back to the rows the
 * form edits, and the API's `meters.<key>` errors put on the row of that key.
 */
import { fieldErrors, Problem } from './problem';

export type LimitMode = 'soft' | 'hard';

export interface MeterLimitRow {
  key: string;
  limit: number | string;
  mode: LimitMode;
}

export interface MeterChoice {
  key: string;
  unit: string;
  description: string;
  builtIn: boolean;
}

/**
 * The built-in meters the fixed fields (storage, bandwidth, users, API calls) already limit: the API
 * refuses them under `meters`, so they are not offered.
 */
export const FIXED_FIELD_METERS: readonly string[] = ['storage_bytes', 'bandwidth_bytes', 'active_users', 'api_calls'];

/** The tenant's meter limits as rows, by key. */
export function meterRowsOf(meters: Record<string, { limit: number; mode: LimitMode }> | undefined): MeterLimitRow[] {
  return Object.entries(meters ?? {})
    .map(([key, value]) => ({ key, limit: value.limit, mode: value.mode }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** The meters a new row may limit: defined, not one of the fixed fields', not already in the form. */
export function meterOptions(meters: readonly MeterChoice[], rows: readonly MeterLimitRow[]): MeterChoice[] {
  const taken = new Set(rows.map((r) => r.key));
  return meters.filter((m) => !FIXED_FIELD_METERS.includes(m.key) && !taken.has(m.key)).sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The `meters` part of the body (`{}` when none: the PUT replaces the whole set, so a removed row is
 * gone), or the rows that cannot be sent as they are: a missing key, a key twice, an empty limit.
 */
export function metersBody(rows: readonly MeterLimitRow[]): { meters: Record<string, { limit: number; mode: LimitMode }>; errors?: undefined } | { meters?: undefined; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const meters: Record<string, { limit: number; mode: LimitMode }> = {};
  rows.forEach((row, index) => {
    const key = row.key.trim();
    const limit = typeof row.limit === 'number' ? row.limit : row.limit.trim() === '' ? Number.NaN : Number(row.limit);
    if (!key) errors[meterRowField(index)] = 'Choose a meter';
    else if (key in meters) errors[meterRowField(index)] = `${key} is limited twice: keep one row`;
    else if (!Number.isFinite(limit)) errors[meterRowField(index)] = 'Give a limit';
    else meters[key] = { limit, mode: row.mode };
  });
  return Object.keys(errors).length > 0 ? { errors } : { meters };
}

/** The form field of a meter row: by position, as the key itself may be what is wrong. */
export function meterRowField(index: number): string {
  return `meter-${index}`;
}

/**
 * The API's field errors for the limits form: the fixed fields by name and `meters.<key>` /
 * `meters.<key>.limit` on the row of that key (`_form` for the rest, e.g. `meters` itself).
 */
export function limitsFormErrors(problem: Problem | undefined, fixedFields: readonly string[], rows: readonly MeterLimitRow[]): Record<string, string> {
  const aliases: Record<string, string> = {};
  rows.forEach((row, index) => {
    aliases[`meters.${row.key.trim()}`] = meterRowField(index);
  });
  return fieldErrors(problem, [...fixedFields, ...rows.map((_, index) => meterRowField(index))], aliases);
}
