/** A tenant's resource limits as the registry stores them (one row of tenant_registry.tenant_limits); never sent over the wire as is. */
import { LimitMode } from '@tenantry/contracts';

export interface LimitValue {
  /** GB for storage and bandwidth, a count for users and API calls. */
  limit: number;
  mode: LimitMode;
}

/** The whole set; no `apiCalls` means no limit on API calls. */
export interface TenantLimitSet {
  storage: LimitValue;
  users: LimitValue;
  bandwidth: LimitValue;
  apiCalls?: LimitValue;
}

export interface TenantLimits {
  tenantId: string;
  limits: TenantLimitSet;
  /** Set through the limits API; otherwise derived from the tenant's resources and re-derived when they change. */
  explicit: boolean;
  /** Bumps on every change and is the `version` of TenantLimitsChanged; 0 for limits never stored or announced. */
  version: number;
  updatedAt: Date;
}
