import { RaisedLimitAlert, StoredAlert } from './alert.row';
import { alertView, anomalyEvent, limitAlertEvents } from './alert.mapper';

const PERIOD = new Date('2026-03-01T00:00:00.000Z');
const AT = new Date('2026-03-14T09:30:00.000Z');
const TENANT = '6f1c2a9e-4b7d-4c1e-9a53-2f0d8e7b1c44';

function alert(kind: RaisedLimitAlert['kind'], id: string): RaisedLimitAlert {
  return { alertId: id, tenantId: TENANT, metric: 'api_calls', periodStart: PERIOD, kind, limit: '100.000', usage: '105.50', raisedAt: AT };
}

describe(limitAlertEvents.name, () => {
  it('maps thresholds and the exceeded limit to their events, 80 % first, with the alert id as event id', () => {
    const sut = limitAlertEvents([alert('exceeded-hard', 'c'), alert('threshold-100', 'b'), alert('threshold-80', 'a')]);

    const common = { tenantId: TENANT, metric: 'api_calls', periodStart: PERIOD.toISOString(), usage: '105.5', limit: '100', at: AT.toISOString() };
    expect(sut).toEqual([
      { type: 'UsageThresholdReached', payload: { ...common, thresholdPercent: 80 }, options: { id: 'a', time: AT } },
      { type: 'UsageThresholdReached', payload: { ...common, thresholdPercent: 100 }, options: { id: 'b', time: AT } },
      { type: 'UsageLimitExceeded', payload: { ...common, mode: 'hard' }, options: { id: 'c', time: AT } },
    ]);
  });

  it('carries the soft mode of a soft limit', () => {
    expect(limitAlertEvents([alert('exceeded-soft', 'd')])[0]?.payload).toMatchObject({ mode: 'soft' });
  });
});

describe(anomalyEvent.name, () => {
  it('reports the hour and its baseline', () => {
    const sut = anomalyEvent({ alertId: 'e', raisedAt: AT, tenantId: TENANT, metric: 'api_calls', hourStart: PERIOD, observed: 1000, mean: 100.123456789, stdDev: 7.0710678, median: 100, hasDayOfHistory: true });

    expect(sut).toEqual({
      type: 'UnusualUsageDetected',
      payload: { tenantId: TENANT, metric: 'api_calls', hourStart: PERIOD.toISOString(), observed: 1000, baselineMean: 100.123457, baselineStdDev: 7.071068, baselineMedian: 100, at: AT.toISOString() },
      options: { id: 'e', time: AT },
    });
  });
});

describe(alertView.name, () => {
  const stored = (kind: StoredAlert['kind'], mode: StoredAlert['mode']): StoredAlert => ({ alertId: 'x', metric: 'api_calls', periodStart: PERIOD, kind, limit: '100.000', usage: '105.50', raisedAt: AT, mode });

  it('names the threshold of a threshold alert and the level of the limit it reached', () => {
    expect(alertView(stored('threshold-80', 'soft'))).toEqual({
      alertId: 'x', metric: 'api_calls', kind: 'threshold-80', thresholdPercent: 80, level: 'soft', limit: '100', usage: '105.5', periodStart: PERIOD.toISOString(), raisedAt: AT.toISOString(),
    });
    expect(alertView(stored('threshold-100', null))).toMatchObject({ thresholdPercent: 100, level: null });
  });

  it('takes the level of an exceeded alert from the alert, whatever the limit is now', () => {
    expect(alertView(stored('exceeded-hard', 'soft'))).toMatchObject({ thresholdPercent: null, level: 'hard' });
    expect(alertView(stored('exceeded-soft', 'hard'))).toMatchObject({ level: 'soft' });
  });

  it('gives an anomaly neither limit nor level', () => {
    expect(alertView(stored('anomaly', 'hard'))).toMatchObject({ kind: 'anomaly', thresholdPercent: null, level: null, limit: null });
  });
});
