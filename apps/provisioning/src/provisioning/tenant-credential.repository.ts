/** The tenant roles' sealed passwords, so the data plane (and tests) can connect as a tenant. */
import { TenantScope } from '@tenantry/persistence';
import { TenantDatabaseIdentity } from '../infrastructure/tenant-database';

export abstract class TenantCredentialRepository {
  /** Returns the stored sealed password, storing `seal()` first if there is none. */
  abstract ensure(scope: TenantScope, identity: TenantDatabaseIdentity, seal: () => Promise<string>): Promise<string>;
  /** The stored sealed password, if any. */
  abstract find(scope: TenantScope): Promise<string | undefined>;
  abstract remove(scope: TenantScope): Promise<void>;
}
