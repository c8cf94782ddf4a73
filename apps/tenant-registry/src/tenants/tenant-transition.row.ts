/** One row of a tenant's status history (tenant_registry.tenant_transitions). */
import { TenantStatus } from '@tenantry/contracts';

export interface TenantTransition {
  tenantId: string;
  /** `null` for the creation. */
  from: TenantStatus | null;
  to: TenantStatus;
  reason: string | null;
  actor: string;
  requestId: string | null;
  at: Date;
}
