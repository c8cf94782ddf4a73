/** What the alerts read API answers with. */
import { LimitMode } from '@tenantry/contracts';
import { AlertKind } from '../alert.row';

export interface UsageAlertView {
  alertId: string;
  metric: string;
  kind: AlertKind;
  /** 80 or 100 for a threshold alert; null otherwise. */
  thresholdPercent: 80 | 100 | null;
  /** The mode an exceeded limit had; for a threshold the limit's mode now (null without a limit, and for an anomaly). */
  level: LimitMode | null;
  /** The limit the alert was raised against (decimal string); null for an anomaly. */
  limit: string | null;
  /** The usage that raised it (the month's usage, or the hour's for an anomaly). */
  usage: string;
  /** The billing month (or the hour, for an anomaly) it is about. */
  periodStart: string;
  raisedAt: string;
}

export interface UsageAlertsView {
  tenantId: string;
  alerts: UsageAlertView[];
}
