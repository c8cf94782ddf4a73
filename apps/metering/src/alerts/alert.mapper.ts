/** Turns newly raised alerts into the events metering publishes on tenantry.metering.alerts.v1. */
import { LimitMode } from '@tenantry/contracts';
import { OutboundEvent } from '@tenantry/messaging';
import { normalizeDecimal } from '../billable-metrics/metric-catalogue';
import { LimitAlertKind, RaisedAnomaly, RaisedLimitAlert, StoredAlert } from './alert.row';
import { UsageAlertView } from './dto/usage-alert-view.dto';

const KIND_ORDER: Record<LimitAlertKind, number> = { 'threshold-80': 0, 'threshold-100': 1, 'exceeded-soft': 2, 'exceeded-hard': 2 };

/** Rounds a statistic for the wire (the decision was taken on the exact value). */
const round = (value: number): number => Math.round(value * 1_000_000) / 1_000_000;

function limitAlertEvent(alert: RaisedLimitAlert): OutboundEvent {
  const common = {
    tenantId: alert.tenantId,
    metric: alert.metric,
    periodStart: alert.periodStart.toISOString(),
    usage: normalizeDecimal(alert.usage),
    limit: normalizeDecimal(alert.limit),
    at: alert.raisedAt.toISOString(),
  };
  // The alert row's id is the event id, so a relay resend carries the same ce_id and consumers' inboxes drop it.
  const options = { id: alert.alertId, time: alert.raisedAt };
  switch (alert.kind) {
    case 'threshold-80':
      return { type: 'UsageThresholdReached', payload: { ...common, thresholdPercent: 80 }, options };
    case 'threshold-100':
      return { type: 'UsageThresholdReached', payload: { ...common, thresholdPercent: 100 }, options };
    case 'exceeded-soft':
    case 'exceeded-hard':
      return { type: 'UsageLimitExceeded', payload: { ...common, mode: modeOf(alert.kind) }, options };
  }
}

function modeOf(kind: 'exceeded-soft' | 'exceeded-hard'): LimitMode {
  return kind === 'exceeded-hard' ? 'hard' : 'soft';
}

/** Events in a stable order per window: 80 % before 100 % before exceeded. */
export function limitAlertEvents(alerts: readonly RaisedLimitAlert[]): OutboundEvent[] {
  return [...alerts]
    .sort((a, b) => a.tenantId.localeCompare(b.tenantId) || a.metric.localeCompare(b.metric) || a.periodStart.getTime() - b.periodStart.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind])
    .map(limitAlertEvent);
}

export function anomalyEvent(anomaly: RaisedAnomaly): OutboundEvent {
  return {
    type: 'UnusualUsageDetected',
    payload: {
      tenantId: anomaly.tenantId,
      metric: anomaly.metric,
      hourStart: anomaly.hourStart.toISOString(),
      observed: anomaly.observed,
      baselineMean: round(anomaly.mean),
      baselineStdDev: round(anomaly.stdDev),
      baselineMedian: round(anomaly.median),
      at: anomaly.raisedAt.toISOString(),
    },
    options: { id: anomaly.alertId, time: anomaly.raisedAt },
  };
}

/** A stored alert for the read API: the kind split into what a reader asks (threshold, level). */
export function alertView(alert: StoredAlert): UsageAlertView {
  const anomaly = alert.kind === 'anomaly';
  return {
    alertId: alert.alertId,
    metric: alert.metric,
    kind: alert.kind,
    thresholdPercent: alert.kind === 'threshold-80' ? 80 : alert.kind === 'threshold-100' ? 100 : null,
    level: anomaly ? null : alert.kind === 'exceeded-soft' || alert.kind === 'exceeded-hard' ? modeOf(alert.kind) : alert.mode,
    limit: anomaly ? null : normalizeDecimal(alert.limit),
    usage: normalizeDecimal(alert.usage),
    periodStart: alert.periodStart.toISOString(),
    raisedAt: alert.raisedAt.toISOString(),
  };
}
