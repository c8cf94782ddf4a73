/** Alerts as metering stores them: one row per (tenant, metric, period, kind, limit), raised once. */

/** 80 % and 100 % of a limit reached, and the limit exceeded (per mode, so a soft → hard switch is heard). */
export const LIMIT_ALERT_KINDS = ['threshold-80', 'threshold-100', 'exceeded-soft', 'exceeded-hard'] as const;
export type LimitAlertKind = (typeof LIMIT_ALERT_KINDS)[number];
/** Every kind a stored alert has: the limit alerts and the hourly anomaly. */
export type AlertKind = LimitAlertKind | 'anomaly';

/** A billing month of one tenant's metric whose usage or limit may have changed. */
export interface LimitWindow {
  tenantId: string;
  metric: string;
  periodStart: Date;
}

/** A limit alert that was new when it was inserted. */
export interface RaisedLimitAlert {
  alertId: string;
  tenantId: string;
  metric: string;
  periodStart: Date;
  kind: LimitAlertKind;
  limit: string;
  usage: string;
  raisedAt: Date;
}

/** One tenant's metric in one hour against the 168 hours before it (missing hours count as 0). */
export interface HourlyBaseline {
  tenantId: string;
  metric: string;
  hourStart: Date;
  observed: number;
  mean: number;
  stdDev: number;
  median: number;
  /** Whether the tenant recorded any usage at least 24 hours before the hour. */
  hasDayOfHistory: boolean;
}

export interface RaisedAnomaly extends HourlyBaseline {
  alertId: string;
  raisedAt: Date;
}

/** An alert as stored, for the read API; `mode` is the tenant's current limit mode on the metric. */
export interface StoredAlert {
  alertId: string;
  metric: string;
  periodStart: Date;
  kind: AlertKind;
  limit: string;
  usage: string;
  raisedAt: Date;
  mode: 'soft' | 'hard' | null;
}
