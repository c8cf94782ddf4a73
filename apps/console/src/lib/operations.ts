/** Wording and conversions of the usage alerts, the tenant's audit trail and the webhook replay form. */

export interface UsageAlert {
  alertId: string;
  metric: string;
  kind: 'threshold-80' | 'threshold-100' | 'exceeded-soft' | 'exceeded-hard' | 'anomaly';
  thresholdPercent: number | null;
  level: 'soft' | 'hard' | null;
  limit: string | null;
  usage: string;
  periodStart: string;
  raisedAt: string;
}

/** What the alert says in words: "80 % of the limit", "limit exceeded", "unusual usage". */
export function alertThreshold(alert: Pick<UsageAlert, 'kind' | 'thresholdPercent'>): string {
  if (alert.thresholdPercent !== null) return `${alert.thresholdPercent} % of the limit`;
  if (alert.kind === 'anomaly') return 'unusual usage';
  return 'limit exceeded';
}

/** The outcome of an audited call in words, from its answer's status. */
export function auditOutcome(status: number): string {
  if (status < 400) return `succeeded (${status})`;
  if (status === 401 || status === 403) return `refused (${status})`;
  return `failed (${status})`;
}

/** "2026-12-01T10:00" (a datetime-local field, the browser's time zone) → ISO 8601 in UTC; '' stays '' so the API names the missing field. */
export function localToIso(value: string): string {
  if (!value) return '';
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : at.toISOString();
}
