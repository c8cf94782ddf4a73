/** The tenant HTTP DTOs, requests with their field rules and the views answered, one set used by both the gateway and the tenant registry. */
export { CreateTenantDto } from './create-tenant.dto';
export { isCurrency, IsCurrencyCode, IsDisplayName, isLanguageTag, IsLanguageTag, isTimeZone, IsTimeZone, misleadingNameReason, normaliseName, Optional } from './field-rules';
export { ListTenantsQueryDto, TENANT_SORTS } from './list-tenants-query.dto';
export type { TenantSort } from './list-tenants-query.dto';
export { OffboardTenantQueryDto } from './offboard-tenant.dto';
export { SuspendTenantDto } from './suspend-tenant.dto';
export { ConfigurationDto, DomainDto, NAME_LENGTH, PlanDto, ResourcesDto } from './tenant-parts.dto';
export { UPDATE_TENANT_FIELDS, UpdateTenantDto } from './update-tenant.dto';
export { ApiCallsLimitDto, BandwidthLimitDto, FIXED_LIMIT_METERS, LIMIT_FIELDS, LIMIT_MAXIMA, MAX_METER_LIMITS, MeterLimitDto, meterKeyProblem, normalizeLimitsBody, StorageLimitDto, TenantLimitsDto, UsersLimitDto } from './tenant-limits.dto';
export type { LimitField, PlainLimit } from './tenant-limits.dto';
export { TenantHistoryDto, TenantPageDto, TenantViewDto, TransitionView } from './tenant-view.dto';
export { TenantLimitsViewDto } from './tenant-limits-view.dto';
export { CONFIGURATION_SCHEMA, dottedPath, FEATURE_FLAGS, isCidr, jsonPointer, SECRET_MASK, validateConfiguration } from './configuration/configuration-schema';
export type { ConfigurationProblem, FeatureFlag } from './configuration/configuration-schema';
export { applyMergePatch, diffDocuments, effectiveConfiguration, isSecretPath, leaves, mapSecrets, maskSecrets, valueAt } from './configuration/configuration-document';
export type { ConfigurationChange, ConfigurationDocument, ConfigurationSource, EffectiveConfiguration } from './configuration/configuration-document';
export { PLATFORM_CONFIGURATION_DEFAULTS } from './configuration/plan-configuration-defaults';
export {
  ConfigurationChangeDto,
  ConfigurationDiffDto,
  ConfigurationPreviewDto,
  ConfigurationVersionDto,
  ConfigurationVersionPageDto,
  ConfigurationViewDto,
  RollbackConfigurationDto,
} from './configuration/configuration-view.dto';
