/** Configuration versions → what the API answers (secrets always masked). */
import { ConfigurationDiffDto, ConfigurationVersionDto, ConfigurationViewDto, effectiveConfiguration, maskSecrets } from '@tenantry/tenant-api';
import { ConfigurationDocument } from '@tenantry/tenant-api';
import { TenantLimits } from '../tenant-limits.row';
import { TenantConfigurationVersion } from './tenant-configuration.row';

export function configurationEtag(version: Pick<TenantConfigurationVersion, 'version'>): string {
  return `W/"${version.version}"`;
}

export function toConfigurationView(version: TenantConfigurationVersion, planDefaults: ConfigurationDocument, limits: TenantLimits): ConfigurationViewDto {
  const { configuration, sources } = effectiveConfiguration(planDefaults, version.document, { ...limits.limits, version: limits.version });
  return {
    tenantId: version.tenantId,
    version: version.version,
    configuration,
    sources,
    overrides: maskSecrets(version.document),
    changedBy: version.changedBy,
    reason: version.reason,
    changedAt: version.changedAt.toISOString(),
  };
}

export function toConfigurationVersionView(version: TenantConfigurationVersion): ConfigurationVersionDto {
  return {
    version: version.version,
    overrides: maskSecrets(version.document),
    changedPaths: version.changedPaths,
    changedBy: version.changedBy,
    reason: version.reason,
    rolledBackTo: version.rolledBackTo,
    changedAt: version.changedAt.toISOString(),
  };
}

export type { ConfigurationDiffDto };
