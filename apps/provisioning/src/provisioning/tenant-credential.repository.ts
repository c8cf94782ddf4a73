/** Where each tenant's data lives and its role's sealed password, so the data plane (and tests) can connect as the tenant. */
import { TenantScope } from '@tenantry/persistence';
import { TenantDatabaseIdentity } from '../infrastructure/tenant-database';

export interface TenantCredential {
  identity: TenantDatabaseIdentity;
  passwordEnc: string;
}

export abstract class TenantCredentialRepository {
  /**
   * The stored credential; if there is none, stores `identity` with `seal()` first. Recorded before
   * anything is created, so a crash after creating leaves a record the next run (or the
   * compensation) works from.
   */
  abstract ensure(scope: TenantScope, identity: TenantDatabaseIdentity, seal: () => Promise<string>): Promise<TenantCredential>;
  /** The stored credential, if any. */
  abstract find(scope: TenantScope): Promise<TenantCredential | undefined>;
  abstract remove(scope: TenantScope): Promise<void>;
}
