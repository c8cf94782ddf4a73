/** The effective configuration of a tenant: plan defaults under its overrides, the source of each value, and its limits read-only. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { ConfigurationViewDto } from '@tenantry/tenant-api';
import { findLiveTenant } from '../../configuration/configuration-tenant';
import { toConfigurationView } from '../../configuration/tenant-configuration.mapper';
import { TenantConfigurations } from '../../configuration/tenant-configurations';
import { limitsOrDerived } from '../../tenant-limits';
import { TenantRepository } from '../../tenant.repository';
import { GetTenantConfigurationCommand } from './get-tenant-configuration.command';

@Injectable()
export class GetTenantConfigurationUseCase {
  constructor(
    private readonly repository: TenantRepository,
    private readonly configurations: TenantConfigurations,
  ) {}

  async execute(command: GetTenantConfigurationCommand): Promise<ConfigurationViewDto> {
    const scope = tenantScope(command.tenantId);
    const tenant = await findLiveTenant(this.repository, scope);
    const [current, defaults, limits] = await Promise.all([this.configurations.current(tenant), this.configurations.planDefaults(tenant.plan.id), this.repository.findLimits(scope)]);
    return toConfigurationView(current, defaults, limitsOrDerived(tenant.id, limits, tenant.resources, tenant.updatedAt));
  }
}
