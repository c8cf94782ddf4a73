/** Configuration versions in memory for unit specs (writes apply at once; the specs that use it do not roll back). */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { ConfigurationDocument } from '@tenantry/tenant-api';
import { TenantConfigurationVersion } from '../configuration/tenant-configuration.row';
import { TenantConfigurationRepository } from '../configuration/tenant-configuration.repository';
import { TEST_PLANS } from './in-memory-tenant.repository';

export class InMemoryTenantConfigurationRepository extends TenantConfigurationRepository {
  readonly versions: TenantConfigurationVersion[] = [];

  async latest(scope: TenantScope): Promise<TenantConfigurationVersion | null> {
    return this.of(scope).at(-1) ?? null;
  }

  async version(scope: TenantScope, version: number): Promise<TenantConfigurationVersion | null> {
    return this.of(scope).find((row) => row.version === version) ?? null;
  }

  async list(scope: TenantScope, limit: number): Promise<TenantConfigurationVersion[]> {
    return this.of(scope).reverse().slice(0, limit);
  }

  async save(_tx: Transaction, _scope: TenantScope, version: TenantConfigurationVersion): Promise<void> {
    this.versions.push(structuredClone(version));
  }

  async planDefaults(planId: string): Promise<ConfigurationDocument | null> {
    const plan = TEST_PLANS.find((candidate) => candidate.id === planId);
    return plan ? { ...plan.configuration } : null;
  }

  private of(scope: TenantScope): TenantConfigurationVersion[] {
    return this.versions.filter((row) => row.tenantId === scope.tenantId).sort((a, b) => a.version - b.version);
  }
}
