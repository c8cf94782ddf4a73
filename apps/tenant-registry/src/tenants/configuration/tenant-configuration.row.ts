/** One version of a tenant's configuration as stored (one row of tenant_registry.tenant_configuration_versions); never sent as is. */
import { ConfigurationDocument } from '@tenantry/tenant-api';

export interface TenantConfigurationVersion {
  tenantId: string;
  version: number;
  /** What the tenant overrides over its plan defaults; secrets sealed (`cs1.…`). */
  document: ConfigurationDocument;
  changedPaths: string[];
  /** The API key id (or `system`, `migration`) from the verified internal token. */
  changedBy: string;
  requestId: string | null;
  reason: string | null;
  /** Set on a rollback: the version it restored. */
  rolledBackTo: number | null;
  changedAt: Date;
  /** True for the implied version 1 of a tenant that has never been changed through the configuration API (not stored). */
  implied?: boolean;
}
