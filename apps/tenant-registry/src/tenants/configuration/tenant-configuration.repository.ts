/** Storage port of configuration versions and plan configuration defaults. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { ConfigurationDocument } from '@tenantry/tenant-api';
import { TenantConfigurationVersion } from './tenant-configuration.row';

export abstract class TenantConfigurationRepository {
  /** The newest stored version; inside `tx`, lock the tenant first (its row lock serialises changes). */
  abstract latest(scope: TenantScope, tx?: Transaction): Promise<TenantConfigurationVersion | null>;
  abstract version(scope: TenantScope, version: number): Promise<TenantConfigurationVersion | null>;
  /** Newest first. */
  abstract list(scope: TenantScope, limit: number): Promise<TenantConfigurationVersion[]>;
  abstract save(tx: Transaction, scope: TenantScope, version: TenantConfigurationVersion): Promise<void>;
  /** The plan's own configuration defaults (its creation configuration and `configuration_defaults`), null for an unknown plan. */
  abstract planDefaults(planId: string): Promise<ConfigurationDocument | null>;
}
