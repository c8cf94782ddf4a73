/** Raises alerts; the store decides, atomically, which alerts are new. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { HourlyBaseline, LimitWindow, RaisedAnomaly, RaisedLimitAlert, StoredAlert } from './alert.row';

/** Hours before the checked one that make its baseline (7 days). */
export const BASELINE_HOURS = 168;

/** History a tenant needs before its usage can be called unusual. */
export const MIN_HISTORY_HOURS = 24;

export abstract class AlertRepository {
  /** Inserts every alert the windows' month usage reaches against the tenants' limits; returns those that were new. */
  abstract raiseLimitAlerts(tx: Transaction, windows: readonly LimitWindow[]): Promise<RaisedLimitAlert[]>;
  /** The same for every tenant with limits, in the month starting at `periodStart` (the periodic sweep). */
  abstract raiseAllLimitAlerts(tx: Transaction, periodStart: Date): Promise<RaisedLimitAlert[]>;
  /** Every tenant × `sum` metric with usage in the hour, with its baseline statistics. */
  abstract hourlyBaselines(tx: Transaction, hourStart: Date): Promise<HourlyBaseline[]>;
  /** Inserts the anomalies; returns those that were new. */
  abstract raiseAnomalies(tx: Transaction, anomalies: readonly HourlyBaseline[]): Promise<RaisedAnomaly[]>;
  /** One tenant's alerts, newest first, raised at or after `from` when given. */
  abstract listForTenant(scope: TenantScope & { from?: Date; limit: number }): Promise<StoredAlert[]>;
}
