/** A maintenance window as the API shows it. */
import { MaintenanceWindow } from './maintenance-window.row';

export interface MaintenanceView {
  id: string;
  scope: string;
  planId: string | null;
  tenantId: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  emergency: boolean;
  status: string;
  endedAt: string | null;
  actor: string;
  bulkJobId: string | null;
  createdAt: string;
}

export function toMaintenanceView(w: MaintenanceWindow): MaintenanceView {
  return {
    id: w.id,
    scope: w.scope,
    planId: w.planId,
    tenantId: w.tenantId,
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    reason: w.reason,
    emergency: w.emergency,
    status: w.status,
    endedAt: w.endedAt?.toISOString() ?? null,
    actor: w.actor,
    bulkJobId: w.bulkJobId,
    createdAt: w.createdAt.toISOString(),
  };
}
