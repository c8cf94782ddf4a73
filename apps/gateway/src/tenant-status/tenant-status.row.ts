/** The gateway's projection of one tenant's lifecycle status, fed by lifecycle events. */
import { TenantStatus } from '@tenantry/contracts';

export interface TenantStatusRecord {
  tenantId: string;
  status: TenantStatus;
  changedAt: Date;
}
