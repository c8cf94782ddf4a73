/** A tenant's configuration versions, newest first (at most 200), or one of them; secrets masked by the mapper. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { COMMON_PROBLEMS, ProblemException } from '@tenantry/service';
import { findLiveTenant } from '../../configuration/configuration-tenant';
import { TenantConfigurationVersion } from '../../configuration/tenant-configuration.row';
import { TenantConfigurations } from '../../configuration/tenant-configurations';
import { TenantRepository } from '../../tenant.repository';
import { ListConfigurationVersionsCommand } from './list-configuration-versions.command';

const MAX_VERSIONS = 200;

export function configurationVersionNotFound(tenantId: string, version: number): ProblemException {
  return COMMON_PROBLEMS['not-found'](`Tenant ${tenantId} has no configuration version ${version}`, { version });
}

@Injectable()
export class ListConfigurationVersionsUseCase {
  constructor(
    private readonly repository: TenantRepository,
    private readonly configurations: TenantConfigurations,
  ) {}

  async execute(command: ListConfigurationVersionsCommand): Promise<TenantConfigurationVersion[]> {
    const tenant = await findLiveTenant(this.repository, tenantScope(command.tenantId));
    if (command.version === undefined) return this.configurations.list(tenant, MAX_VERSIONS);
    const version = await this.configurations.version(tenant, command.version);
    if (!version) throw configurationVersionNotFound(command.tenantId, command.version);
    return [version];
  }
}
