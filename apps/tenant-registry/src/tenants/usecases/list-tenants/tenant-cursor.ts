/** The opaque list cursor: base64url JSON of the sort and the (sort key, id) of the last row seen. */
import { invalidField, isUuid, unsafeTextReason } from '@tenantry/service';
import { TenantSort } from '@tenantry/tenant-api';
import { TenantKeyset } from '../../tenant.repository';

export function encodeCursor(sort: TenantSort, keyset: TenantKeyset): string {
  return Buffer.from(JSON.stringify({ s: sort, k: keyset.key, i: keyset.id }), 'utf8').toString('base64url');
}

// How the repository writes a created_at key: UTC, microseconds (to_char … 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"').
const TIMESTAMP_KEY = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.(\d{3})\d{3}Z$/;

/**
 * A created_at key exactly as the repository writes it, for a real instant PostgreSQL can read
 * back: Date.parse alone takes "0", "12" or "+275760-09-13T00:00:00Z", and the ::timestamptz cast
 * of those is a database error.
 */
export function isTimestampKey(key: string): boolean {
  const match = TIMESTAMP_KEY.exec(key);
  if (!match || Number(match[1]) < 1) return false;
  const millis = key.slice(0, 23) + 'Z';
  const parsed = new Date(millis);
  // Round-trips only when every field is in range (no 31 February, no hour 24).
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString() === millis;
}

/** Throws 400 `validation-failed` naming `cursor` when it is not one this sort handed out. */
export function decodeCursor(cursor: string, sort: TenantSort): TenantKeyset {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const { s, k, i } = (typeof decoded === 'object' && decoded !== null ? decoded : {}) as { s?: unknown; k?: unknown; i?: unknown };
  const keyOk = typeof k === 'string' && k.length <= 400 && unsafeTextReason(k) === undefined && (!sort.endsWith('createdAt') || isTimestampKey(k));
  if (s !== sort || !keyOk || typeof i !== 'string' || !isUuid(i)) throw invalidField('cursor', 'is not a cursor of this listing and sort');
  return { key: k, id: i };
}
