/** The maintenance-windows store (port). */
import { Transaction } from '@tenantry/persistence';
import { MaintenanceStatus, MaintenanceWindow } from './maintenance-window.row';

export abstract class MaintenanceRepository {
  abstract insert(tx: Transaction, window: MaintenanceWindow): Promise<void>;
  abstract find(id: string, tx?: Transaction): Promise<MaintenanceWindow | null>;
  abstract lock(tx: Transaction, id: string): Promise<MaintenanceWindow | null>;
  /** Scheduled and active windows, soonest first. */
  abstract open(): Promise<MaintenanceWindow[]>;
  /** Windows due a transition at `now` (scheduled whose start came, active whose end came), locked, SKIP LOCKED. */
  abstract lockDue(tx: Transaction, now: Date, limit: number): Promise<MaintenanceWindow[]>;
  abstract setStatus(tx: Transaction, id: string, status: MaintenanceStatus, endedAt: Date | null, endsAt?: Date): Promise<void>;
  /** Ids of a plan's tenants that are not gone. */
  abstract tenantIdsOnPlan(planId: string, tx?: Transaction): Promise<string[]>;
}
