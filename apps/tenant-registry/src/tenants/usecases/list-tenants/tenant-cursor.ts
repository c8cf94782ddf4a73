/** The opaque list cursor: base64url JSON of the sort and the (sort key, id) of the last row seen. */
import { invalidField, isUuid } from '@tenantry/service';
import { TenantSort } from '@tenantry/tenant-api';
import { TenantKeyset } from '../../tenant.repository';

export function encodeCursor(sort: TenantSort, keyset: TenantKeyset): string {
  return Buffer.from(JSON.stringify({ s: sort, k: keyset.key, i: keyset.id }), 'utf8').toString('base64url');
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
  const keyOk = typeof k === 'string' && k.length <= 400 && (!sort.endsWith('createdAt') || !Number.isNaN(Date.parse(k)));
  if (s !== sort || !keyOk || typeof i !== 'string' || !isUuid(i)) throw invalidField('cursor', 'is not a cursor of this listing and sort');
  return { key: k, id: i };
}
