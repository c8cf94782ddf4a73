/** One row of a tenant's status history (tenant_registry.tenant_transitions). */
import { TenantStatus } from '@tenantry/contracts';

export interface TenantTransition {
  tenantId: string;
  /** `null` for the creation. */
  from: TenantStatus | null;
  to: TenantStatus;
  reason: string | null;
  actor: string;
  /** The gateway's request id. */
  requestId: string | null;
  /** The client's own request id, when it sent one. */
  correlationId: string | null;
  at: Date;
}
