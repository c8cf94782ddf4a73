import { bandOf, computeHealth, HealthInputs, trend } from './health-score';
import { parseWeights, Weights } from './weights';

const WEIGHTS = parseWeights('activity=30,revenue=25,compliance=15,performance=15,satisfaction=15') as Weights;

function inputs(overrides: Partial<HealthInputs> = {}): HealthInputs {
  return {
    apiCalls: { current: 0, previous: 0 },
    activeUsers: { current: 0, previous: 0 },
    billing: { seen: false, overdueInvoices: 0, failedAttempts: 0, dunningStage: null, subscriptionStatus: null },
    known: true,
    limits: { thresholds: 0, softExceeded: 0, hardExceeded: 0 },
    performance: { degradedWindows: 0, worstP95Ms: null, worstErrorRate: null },
    feedback: { responses: 0, average: null },
    ...overrides,
  };
}

describe('health score', () => {
  it('bands 0–50 red, 51–75 yellow, 76–100 green', () => {
    expect([0, 50, 51, 75, 76, 100].map(bandOf)).toEqual(['red', 'red', 'yellow', 'yellow', 'green', 'green']);
  });

  it('scores a trend as the share left of the previous period, 100 when it held or grew', () => {
    expect(trend('API calls', 580, 1000)).toEqual({ score: 58, explanation: 'API calls down 42 % against the previous 30 days' });
    expect(trend('API calls', 1200, 1000)).toEqual({ score: 100, explanation: 'API calls up 20 % against the previous 30 days' });
    expect(trend('API calls', 1000, 1000)).toEqual({ score: 100, explanation: 'API calls steady against the previous 30 days' });
    expect(trend('API calls', 40, 0)).toEqual({ score: 100, explanation: 'API calls: 40 in the last 30 days, none the 30 days before' });
    expect(trend('API calls', 0, 0)).toBeNull();
  });

  it('averages activity over API calls and active users, and prices billing, limits, performance and feedback', () => {
    const score = computeHealth(
      inputs({
        apiCalls: { current: 580, previous: 1000 },
        activeUsers: { current: 10, previous: 10 },
        billing: { seen: true, overdueInvoices: 1, failedAttempts: 2, dunningStage: 'warning', subscriptionStatus: 'past_due' },
        limits: { thresholds: 2, softExceeded: 1, hardExceeded: 1 },
        performance: { degradedWindows: 3, worstP95Ms: 1234.4, worstErrorRate: 0.081 },
        feedback: { responses: 2, average: 7.5 },
      }),
      WEIGHTS,
    );
    expect(score?.components.activity).toMatchObject({ score: 79, explanation: 'API calls down 42 % against the previous 30 days; Active users steady against the previous 30 days' });
    // 100 − 40 − 2×15 − 20 (warning) − 20 (past due) = −10 → 0
    expect(score?.components.revenue).toMatchObject({ score: 0, explanation: '1 invoice overdue, 2 failed payments on unpaid invoices, dunning at warning, subscription past due' });
    // 100 − 2×5 − 15 − 30 = 45
    expect(score?.components.compliance).toMatchObject({ score: 45, explanation: '2 limit warnings, 1 soft limit exceeded, 1 hard limit hit in the last 30 days' });
    expect(score?.components.performance).toMatchObject({ score: 70, explanation: '3 degraded performance windows in the last 7 days (worst p95 1234 ms, 8 % errors)' });
    expect(score?.components.satisfaction).toMatchObject({ score: 75, explanation: 'Average feedback 7.5/10 from 2 responses in the last 90 days' });
    // (30×79 + 25×0 + 15×45 + 15×70 + 15×75) / 100 = 52.2 → 52
    expect(score).toMatchObject({ overall: 52, band: 'yellow', withoutData: [] });
    expect(score?.alerts.map((a) => [a.component, a.score])).toEqual([['revenue', 0], ['compliance', 45], ['performance', 70], ['satisfaction', 75]]);
  });

  it('leaves a component without data out, renormalises the others and says so', () => {
    const score = computeHealth(inputs({ apiCalls: { current: 500, previous: 1000 } }), WEIGHTS);
    // activity 50, compliance 100, performance 100 (traffic, no degraded windows): (30×50 + 15×100 + 15×100) / 60 = 75
    expect(score).toMatchObject({ overall: 75, band: 'yellow', withoutData: ['revenue', 'satisfaction'] });
    expect(score?.explanation).toBe('Weighted mean of activity, compliance, performance; no data for revenue, satisfaction, left out and the other weights renormalised');
  });

  it('scores a canceled subscription 0 and nothing at all for a tenant nobody has heard of', () => {
    expect(computeHealth(inputs({ billing: { seen: true, overdueInvoices: 0, failedAttempts: 0, dunningStage: null, subscriptionStatus: 'canceled' } }), WEIGHTS)?.components.revenue?.score).toBe(0);
    expect(computeHealth(inputs({ known: false }), WEIGHTS)).toBeNull();
  });
});
