/** A maintenance window as stored (tenant_registry.maintenance_windows). */
import { MaintenanceScope } from '@tenantry/contracts';

export type MaintenanceStatus = 'scheduled' | 'active' | 'ended' | 'cancelled';

export interface MaintenanceWindow {
  id: string;
  scope: MaintenanceScope;
  planId: string | null;
  tenantId: string | null;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  emergency: boolean;
  status: MaintenanceStatus;
  endedAt: Date | null;
  actor: string;
  bulkJobId: string | null;
  createdAt: Date;
}
