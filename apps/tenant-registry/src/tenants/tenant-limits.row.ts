/** A tenant's resource limits as the registry stores them (one row of tenant_registry.tenant_limits); never sent over the wire as is. */
import { LimitMode } from '@tenantry/contracts';

export interface LimitValue {
  /** GB for storage and bandwidth, a count for users and API calls, the meter's unit for a meter. */
  limit: number;
  mode: LimitMode;
}

/** The whole set; no `apiCalls` means no limit on API calls. */
export interface TenantLimitSet {
  storage: LimitValue;
  users: LimitValue;
  bandwidth: LimitValue;
  apiCalls?: LimitValue;
  /**
   * Limits on meters by key (metering's `/meters`), in each meter's unit; absent or empty: none. Kept
   * in the same jsonb document as the fixed fields, so they share its version (no schema change).
   */
  meters?: Record<string, LimitValue>;
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
