import { alertThreshold, auditOutcome, localToIso } from './operations';

describe(alertThreshold.name, () => {
  it('names the threshold, an exceeded limit or unusual usage', () => {
    expect(alertThreshold({ kind: 'threshold-80', thresholdPercent: 80 })).toBe('80 % of the limit');
    expect(alertThreshold({ kind: 'threshold-100', thresholdPercent: 100 })).toBe('100 % of the limit');
    expect(alertThreshold({ kind: 'exceeded-hard', thresholdPercent: null })).toBe('limit exceeded');
    expect(alertThreshold({ kind: 'anomaly', thresholdPercent: null })).toBe('unusual usage');
  });
});

describe(auditOutcome.name, () => {
  it('tells success, refusal and failure apart, keeping the status', () => {
    expect(auditOutcome(202)).toBe('succeeded (202)');
    expect(auditOutcome(403)).toBe('refused (403)');
    expect(auditOutcome(401)).toBe('refused (401)');
    expect(auditOutcome(400)).toBe('failed (400)');
    expect(auditOutcome(503)).toBe('failed (503)');
  });
});

describe(localToIso.name, () => {
  it('turns a local date-time into UTC ISO, and leaves an empty or unreadable value for the API to name', () => {
    const local = '2026-12-01T10:30';
    expect(localToIso(local)).toBe(new Date(local).toISOString());
    expect(localToIso('')).toBe('');
    expect(localToIso('soon')).toBe('soon');
  });
});
