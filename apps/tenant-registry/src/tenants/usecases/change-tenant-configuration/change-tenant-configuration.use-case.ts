/**
 * PATCH (merge patch) or PUT of a tenant's configuration: validated against the published schema
 * (400 naming every bad path, nothing stored), If-Match against the configuration version (412),
 * a new version with who/when/why and TenantConfigChanged with the changed paths. The same body
 * again stores nothing. `dryRun` answers the changes without storing anything.
 */
import { Injectable } from '@nestjs/common';
import { tenantScope, Transaction, Transactions } from '@tenantry/persistence';
import { invalidField } from '@tenantry/service';
import { applyMergePatch, ConfigurationDocument, maskSecrets } from '@tenantry/tenant-api';
import { lockLiveTenant } from '../../configuration/configuration-tenant';
import { configurationEtag } from '../../configuration/tenant-configuration.mapper';
import { ConfigurationChangeResult, requireReason, TenantConfigurations } from '../../configuration/tenant-configurations';
import { assertUpdatable } from '../../tenant-lifecycle';
import { TENANT_PROBLEMS } from '../../tenant.problems';
import { TenantRepository } from '../../tenant.repository';
import { matchesIfMatch } from '../update-tenant/update-tenant.use-case';
import { ChangeTenantConfigurationCommand } from './change-tenant-configuration.command';

function isObject(value: unknown): value is ConfigurationDocument {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

@Injectable()
export class ChangeTenantConfigurationUseCase {
  constructor(
    private readonly repository: TenantRepository,
    private readonly transactions: Transactions,
    private readonly configurations: TenantConfigurations,
  ) {}

  async execute(command: ChangeTenantConfigurationCommand): Promise<ConfigurationChangeResult> {
    return this.transactions.run((tx) => this.applyIn(tx, command));
  }

  /** The same change inside the caller's transaction (a bulk job marks its item done in it too). */
  async applyIn(tx: Transaction, command: ChangeTenantConfigurationCommand): Promise<ConfigurationChangeResult> {
    if (!isObject(command.body)) throw invalidField('body', 'must be a JSON object (a merge patch or the configuration document)');
    const reason = command.dryRun && command.reason === undefined ? null : requireReason(command.reason);
    {
      const tenant = await lockLiveTenant(this.repository, tx, tenantScope(command.tenantId));
      const current = await this.configurations.current(tenant, tx);
      if (command.ifMatch !== undefined && !matchesIfMatch(command.ifMatch, current.version)) {
        throw TENANT_PROBLEMS['configuration-changed'](`The configuration is at ${configurationEtag(current)}, not ${command.ifMatch}`, { currentVersion: current.version });
      }
      assertUpdatable(tenant.status);
      // Over what the client sees: the stored secrets as the mask, which keeps them.
      const next = command.mode === 'replace' ? command.body : (applyMergePatch(maskSecrets(current.document), command.body) as ConfigurationDocument);
      return this.configurations.change(tx, tenant, current, { next: next as ConfigurationDocument, by: command.by, reason, dryRun: command.dryRun });
    }
  }
}
