import { billingFacts, gatherInputs, statusOf } from './gather-inputs';
import { Signal } from './signal';

const NOW = new Date('2026-06-30T12:00:00.000Z');
const T = '6b0f7d1e-1111-4111-8111-111111111111';
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
let id = 0;
const signal = (type: string, at: Date, data: Record<string, unknown> = {}): Signal => ({ eventId: `e${++id}`, tenantId: T, type, at, data: { tenantId: T, ...data } });
const NO_USAGE = { apiCalls: { current: 0, previous: 0 }, activeUsers: { current: 0, previous: 0 } };
const NO_FEEDBACK = { responses: 0, average: null };

const permutations = <X>(items: X[]): X[][] => (items.length <= 1 ? [items] : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest])));

describe('gathering the scoring inputs', () => {
  it('gives the same billing facts in any arrival order: a paid invoice is paid whether InvoicePaid came first or last', () => {
    const history = [
      signal('InvoiceIssued', ago(20), { invoiceId: 'a', dueAt: ago(5).toISOString() }),
      signal('InvoiceFailed', ago(6), { invoiceId: 'a', attempt: 1 }),
      signal('InvoicePaid', ago(4), { invoiceId: 'a' }),
      signal('InvoiceIssued', ago(10), { invoiceId: 'b', dueAt: ago(1).toISOString() }),
      signal('InvoiceFailed', ago(1), { invoiceId: 'b', attempt: 1 }),
      signal('InvoiceFailed', ago(1), { invoiceId: 'b', attempt: 1 }),
    ];
    const facts = permutations(history).map((order) => billingFacts(order, NOW));
    expect(new Set(facts.map((f) => JSON.stringify(f))).size).toBe(1);
    // b overdue and failed once (the same attempt twice counts once); a paid.
    expect(facts[0]).toEqual({ seen: true, overdueInvoices: 1, failedAttempts: 1, dunningStage: null, subscriptionStatus: null });
  });

  it('takes the latest subscription status and dunning stage by their own time, and drops the dunning of a paid invoice', () => {
    const facts = billingFacts(
      [
        signal('SubscriptionChanged', ago(1), { status: 'active' }),
        signal('SubscriptionChanged', ago(3), { status: 'past_due' }),
        signal('DunningEscalated', ago(2), { invoiceId: 'c', step: 'suspended' }),
        signal('DunningEscalated', ago(5), { invoiceId: 'c', step: 'warning' }),
        signal('DunningEscalated', ago(1), { invoiceId: 'd', step: 'inactive' }),
        signal('InvoicePaid', ago(0.5), { invoiceId: 'd' }),
      ],
      NOW,
    );
    expect(facts).toMatchObject({ subscriptionStatus: 'active', dunningStage: 'suspended' });
  });

  it('drops a dunning step that billing cleared after it', () => {
    const facts = billingFacts([signal('DunningEscalated', ago(2), { invoiceId: 'c', step: 'warning' }), signal('DunningCleared', ago(1), {})], NOW);
    expect(facts.dunningStage).toBeNull();
  });

  it('counts limit alerts of the last 30 days and degraded windows of the last 7', () => {
    const inputs = gatherInputs(
      [
        signal('TenantCreated', ago(60)),
        signal('UsageThresholdReached', ago(29)),
        signal('UsageThresholdReached', ago(31)),
        signal('UsageLimitExceeded', ago(2), { mode: 'soft' }),
        signal('UsageLimitExceeded', ago(2), { mode: 'hard' }),
        signal('TenantPerformanceDegraded', ago(6), { p95Ms: 800, errorRate: 0.2 }),
        signal('TenantPerformanceDegraded', ago(1), { p95Ms: 1200, errorRate: 0.1 }),
        signal('TenantPerformanceDegraded', ago(8), { p95Ms: 9000, errorRate: 0.9 }),
      ],
      NO_USAGE,
      NO_FEEDBACK,
      NOW,
    );
    expect(inputs).toMatchObject({ known: true, limits: { thresholds: 1, softExceeded: 1, hardExceeded: 1 }, performance: { degradedWindows: 2, worstP95Ms: 1200, worstErrorRate: 0.2 } });
  });

  it('reads the status from the latest transition by time, whatever the order', () => {
    const transitions = [signal('TenantCreated', ago(10)), signal('TenantActivated', ago(9), { from: 'provisioning', to: 'active' }), signal('TenantSuspended', ago(2), { from: 'active', to: 'suspended' })];
    for (const order of permutations(transitions)) expect(statusOf(order)).toEqual({ status: 'suspended', since: ago(2) });
    expect(statusOf([signal('TenantCreated', ago(1))])).toEqual({ status: 'provisioning', since: ago(1) });
    expect(statusOf([])).toBeNull();
  });
});
