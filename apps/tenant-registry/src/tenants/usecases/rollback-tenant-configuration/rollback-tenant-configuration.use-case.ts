/** Restores an earlier version's document as a new version (history is never rewritten); 404 for a version that does not exist. */
import { Injectable } from '@nestjs/common';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { lockLiveTenant } from '../../configuration/configuration-tenant';
import { configurationEtag } from '../../configuration/tenant-configuration.mapper';
import { ConfigurationChangeResult, requireReason, TenantConfigurations } from '../../configuration/tenant-configurations';
import { assertUpdatable } from '../../tenant-lifecycle';
import { TENANT_PROBLEMS } from '../../tenant.problems';
import { TenantRepository } from '../../tenant.repository';
import { matchesIfMatch } from '../update-tenant/update-tenant.use-case';
import { configurationVersionNotFound } from '../list-configuration-versions/list-configuration-versions.use-case';
import { RollbackTenantConfigurationCommand } from './rollback-tenant-configuration.command';

@Injectable()
export class RollbackTenantConfigurationUseCase {
  constructor(
    private readonly repository: TenantRepository,
    private readonly transactions: Transactions,
    private readonly configurations: TenantConfigurations,
  ) {}

  async execute(command: RollbackTenantConfigurationCommand): Promise<ConfigurationChangeResult> {
    const reason = requireReason(command.reason);
    return this.transactions.run(async (tx) => {
      const tenant = await lockLiveTenant(this.repository, tx, tenantScope(command.tenantId));
      const current = await this.configurations.current(tenant, tx);
      if (command.ifMatch !== undefined && !matchesIfMatch(command.ifMatch, current.version)) {
        throw TENANT_PROBLEMS['configuration-changed'](`The configuration is at ${configurationEtag(current)}, not ${command.ifMatch}`, { currentVersion: current.version });
      }
      assertUpdatable(tenant.status);
      const target = await this.configurations.version(tenant, command.toVersion);
      if (!target) throw configurationVersionNotFound(command.tenantId, command.toVersion);
      return this.configurations.change(tx, tenant, current, { next: target.document, by: command.by, reason, rolledBackTo: target.version });
    });
  }
}
