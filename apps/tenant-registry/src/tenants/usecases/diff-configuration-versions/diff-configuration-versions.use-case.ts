/** The paths that differ between two versions of a tenant's overrides, with before/after; secrets masked. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { ConfigurationDiffDto, diffDocuments } from '@tenantry/tenant-api';
import { findLiveTenant } from '../../configuration/configuration-tenant';
import { TenantConfigurations } from '../../configuration/tenant-configurations';
import { TenantRepository } from '../../tenant.repository';
import { configurationVersionNotFound } from '../list-configuration-versions/list-configuration-versions.use-case';
import { DiffConfigurationVersionsCommand } from './diff-configuration-versions.command';

@Injectable()
export class DiffConfigurationVersionsUseCase {
  constructor(
    private readonly repository: TenantRepository,
    private readonly configurations: TenantConfigurations,
  ) {}

  async execute(command: DiffConfigurationVersionsCommand): Promise<ConfigurationDiffDto> {
    const tenant = await findLiveTenant(this.repository, tenantScope(command.tenantId));
    const [from, to] = await Promise.all([this.configurations.version(tenant, command.from), this.configurations.version(tenant, command.to)]);
    if (!from) throw configurationVersionNotFound(command.tenantId, command.from);
    if (!to) throw configurationVersionNotFound(command.tenantId, command.to);
    return { from: from.version, to: to.version, changes: diffDocuments(from.document, to.document) };
  }
}
