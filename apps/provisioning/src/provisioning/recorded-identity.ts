/** The tenant's data plane as the `database` step recorded it (tier, database, schema, role). */
import { tenantScope } from '@tenantry/persistence';
import { TenantDatabaseIdentity } from '../infrastructure/tenant-database';
import { TenantCredentialRepository } from './tenant-credential.repository';

export async function recordedIdentity(credentials: TenantCredentialRepository, tenantId: string): Promise<TenantDatabaseIdentity | undefined> {
  return (await credentials.find(tenantScope(tenantId)))?.identity;
}

/** For the steps after `database`: its record must be there. */
export async function requireRecordedIdentity(credentials: TenantCredentialRepository, tenantId: string): Promise<TenantDatabaseIdentity> {
  const identity = await recordedIdentity(credentials, tenantId);
  if (!identity) throw new Error(`tenant ${tenantId} has no database recorded: the database step has not run`);
  return identity;
}
