/** The tenant's data plane for a users call: a tenant with no database (not provisioned, or offboarded) is not found. */
import { COMMON_PROBLEMS } from '@tenantry/service';
import { TenantDatabaseIdentity } from '../infrastructure/tenant-database';
import { recordedIdentity } from '../provisioning/recorded-identity';
import { TenantCredentialRepository } from '../provisioning/tenant-credential.repository';

export async function tenantIdentityOrNotFound(credentials: TenantCredentialRepository, tenantId: string): Promise<TenantDatabaseIdentity> {
  const identity = await recordedIdentity(credentials, tenantId);
  if (!identity) throw COMMON_PROBLEMS['tenant-not-found'](`Tenant ${tenantId} has no database (not provisioned yet, or offboarded).`);
  return identity;
}
