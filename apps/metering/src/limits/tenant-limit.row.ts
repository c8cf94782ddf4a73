/** A tenant's limit on one metric as metering's projection of TenantLimitsChanged keeps it. */
import { LimitMode } from '@tenantry/contracts';

export interface TenantLimit {
  metric: string;
  /** Decimal string in the metric's unit (bytes, users, calls). */
  limit: string;
  mode: LimitMode;
}

/** The whole set of a tenant's limits at one version; a higher version replaces it. */
export interface TenantLimitSet {
  tenantId: string;
  version: number;
  changedAt: Date;
  limits: readonly TenantLimit[];
}
