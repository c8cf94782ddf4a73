import { subscribes, unknownPattern, WEBHOOK_EVENT_TYPES } from './event-type-patterns';

describe('webhook event type patterns', () => {
  it('knows the catalogue, without the per-call usage streams', () => {
    expect(WEBHOOK_EVENT_TYPES).toEqual(expect.arrayContaining(['TenantCreated', 'InvoiceIssued', 'UsageLimitExceeded', 'WebhookEndpointDisabled']));
    expect(WEBHOOK_EVENT_TYPES).not.toContain('UsageRecorded');
    expect(WEBHOOK_EVENT_TYPES).not.toContain('ApiUsageSampled');
  });

  it('refuses a pattern that names no event, with its index', () => {
    expect(unknownPattern(['Invoice*', 'TenantSuspended', '*'])).toBeUndefined();
    expect(unknownPattern(['Invoice*', 'InvoiceRefunded'])).toEqual({ index: 1, pattern: 'InvoiceRefunded' });
    expect(unknownPattern(['Nothing*'])).toEqual({ index: 0, pattern: 'Nothing*' });
    expect(unknownPattern(['UsageRecorded'])).toEqual({ index: 0, pattern: 'UsageRecorded' });
  });

  it('matches names, prefixes and everything; the test event goes to every endpoint', () => {
    expect(subscribes(['Invoice*'], 'InvoicePaid')).toBe(true);
    expect(subscribes(['Invoice*'], 'TenantCreated')).toBe(false);
    expect(subscribes(['TenantCreated'], 'TenantCreated')).toBe(true);
    expect(subscribes(['*'], 'ChurnRiskDetected')).toBe(true);
    expect(subscribes(['TenantCreated'], 'WebhookTest')).toBe(true);
  });
});
