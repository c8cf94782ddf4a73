/** The representation of a tenant's limits in the internal API: the PUT body's shape plus version and updatedAt. */
import { LimitMode } from '@tenantry/contracts';

export interface LimitView {
  limit: number;
  mode: LimitMode;
}

export interface TenantLimitsView {
  storage: LimitView;
  users: LimitView;
  bandwidth: LimitView;
  /** Absent: no limit on API calls. */
  apiCalls?: LimitView;
  version: number;
  updatedAt: string;
}
