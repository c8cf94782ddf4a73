/** Tenant credentials in memory, for unit specs of the steps. */
import { TenantScope } from '@tenantry/persistence';
import { TenantDatabaseIdentity } from '../../infrastructure/tenant-database';
import { TenantCredential, TenantCredentialRepository } from '../tenant-credential.repository';

export class InMemoryTenantCredentialRepository extends TenantCredentialRepository {
  readonly rows = new Map<string, TenantCredential>();

  async ensure(scope: TenantScope, identity: TenantDatabaseIdentity, seal: () => Promise<string>): Promise<TenantCredential> {
    const existing = this.rows.get(scope.tenantId);
    if (existing) return existing;
    const stored = { identity: { ...identity }, passwordEnc: await seal() };
    this.rows.set(scope.tenantId, stored);
    return stored;
  }

  async find(scope: TenantScope): Promise<TenantCredential | undefined> {
    return this.rows.get(scope.tenantId);
  }

  async remove(scope: TenantScope): Promise<void> {
    this.rows.delete(scope.tenantId);
  }
}
