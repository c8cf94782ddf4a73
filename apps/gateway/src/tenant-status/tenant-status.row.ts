/** The gateway's projection of one tenant's lifecycle status, fed by lifecycle events. */
import { TenantStatus } from '@tenantry/contracts';

export interface TenantStatusRecord {
  tenantId: string;
  status: TenantStatus;
  changedAt: Date;
}

/** A tenant's current plan (its rate-limit tier), fed by TenantCreated and TenantPlanChanged. */
export interface TenantPlanRecord {
  tenantId: string;
  planId: string;
  changedAt: Date;
}
