/** The field checks of one `users` import row: e-mail required and valid, role one of the tenant roles (default member), name optional. */
import { TENANT_USER_ROLES } from '@tenantry/contracts';
import { EMAIL_PATTERN } from '../users/tenant-user';
import { RawRow } from './import-rows';
import { ImportRowError, StagedUserRow } from './tenant-import';

const COLUMNS = new Set(['email', 'role', 'name']);
const MAX_NAME = 200;

export function validateUserRow(row: RawRow): StagedUserRow | ImportRowError[] {
  if (!row.fields) return [{ row: row.rowNo, field: 'row', message: `row ${row.problem ?? 'cannot be read'}` }];
  const errors: ImportRowError[] = [];
  const { email, role = 'member', name } = row.fields;
  for (const field of Object.keys(row.fields)) if (!COLUMNS.has(field)) errors.push({ row: row.rowNo, field, message: `unknown field ${field}: a users import has email, role and name` });
  if (typeof email !== 'string' || email.trim().length > 320 || !EMAIL_PATTERN.test(email.trim())) errors.push({ row: row.rowNo, field: 'email', message: 'email must be an e-mail address' });
  if (typeof role !== 'string' || !(TENANT_USER_ROLES as readonly string[]).includes(role.trim())) errors.push({ row: row.rowNo, field: 'role', message: `role must be one of ${TENANT_USER_ROLES.join(', ')}` });
  if (name !== undefined && name !== null && (typeof name !== 'string' || name.length > MAX_NAME)) errors.push({ row: row.rowNo, field: 'name', message: `name must be text of at most ${MAX_NAME} characters` });
  if (errors.length > 0) return errors;
  return { rowNo: row.rowNo, email: (email as string).trim().toLowerCase(), role: (role as string).trim(), name: typeof name === 'string' && name.trim() !== '' ? name.trim() : null };
}
