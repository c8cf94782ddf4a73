import { PlanVersion } from '../catalogue/plan.row';
import { computeAdjustments } from './adjustment-calculation';
import { computeInvoice, InvoiceInput, InvoiceLine } from './invoice-calculation';

const AT = new Date('2026-01-01T00:00:00.000Z');
const STARTER: PlanVersion = {
  planId: 'starter', version: 1, name: 'Starter', basePrice: '29', trialDays: 14, createdAt: AT,
  charges: [{ metric: 'api_calls', model: 'standard', unitPrice: '0.0005', includedQuantity: '100000' }],
};
const GROWTH: PlanVersion = {
  planId: 'growth', version: 2, name: 'Growth', basePrice: '99', trialDays: null, createdAt: AT,
  charges: [
    { metric: 'api_calls', model: 'graduated', includedQuantity: '1000000', tiers: [{ upTo: '10000000', unitPrice: '0.0004' }, { upTo: null, unitPrice: '0.0002' }] },
    { metric: 'active_users', model: 'package', includedQuantity: '250', packageSize: '50', packagePrice: '10' },
  ],
};
const JAN = new Date('2026-01-01T00:00:00.000Z');
const period = (plan: PlanVersion, usage: Record<string, string>, over: Partial<InvoiceInput> = {}) =>
  computeInvoice({ currency: 'USD', taxRate: '0', periodStart: JAN, billableFrom: JAN, plan, upgrades: [], usage: new Map(Object.entries(usage)), ...over }).lines;
const adjustment = (metric: string, quantity: string, amount: string, adjustsPeriod = '2026-01-01'): InvoiceLine => ({ kind: 'adjustment', description: '', planId: 'starter', metric, quantity, amount, adjustsPeriod });

describe('computeAdjustments', () => {
  it("bills the price of the period's full quantity less what its invoice charged", () => {
    // Invoiced: 150,000 calls → (150,000 − 100,000) × 0.0005 = 25.00. Late: 20,000 more → 70,000 × 0.0005 = 35.00, so +10.00.
    const lines = computeAdjustments('USD', [{ periodStart: '2026-01-01', invoiced: period(STARTER, { api_calls: '150000' }), repriced: period(STARTER, { api_calls: '170000' }) }]);
    expect(lines).toEqual([{ kind: 'adjustment', description: 'api_calls late usage for 2026-01 (+20000)', planId: 'starter', metric: 'api_calls', quantity: '20000', amount: '10.00', adjustsPeriod: '2026-01-01' }]);
  });

  it('counts adjustments billed earlier for the period, and re-rates across the included quantity and tier boundaries', () => {
    // Invoiced 90,000 (inside the 100,000 included: 0.00), then +20,000 adjusted already (5.00); now 121,001 → 21,001 × 0.0005 = 10.5005 → 10.50; 10.50 − 0 − 5.00 = 5.50 for 121,001 − 90,000 − 20,000 = 11,001 calls.
    const starter = computeAdjustments('USD', [{
      periodStart: '2026-01-01', invoiced: [...period(STARTER, { api_calls: '90000' }), adjustment('api_calls', '20000', '5.00')], repriced: period(STARTER, { api_calls: '121001' }),
    }]);
    expect(starter.map((l) => [l.metric, l.quantity, l.amount])).toEqual([['api_calls', '11001', '5.50']]);

    // Growth (tiers count the calls over the 1,000,000 included): invoiced 9,000,000 calls → 8 M × 0.0004 = 3,200.00; 300 users → 50 over → 1 package = 10.00.
    // Late: 12,000,000 calls → 11 M over: 10 M × 0.0004 + 1 M × 0.0002 = 4,200.00 (+1,000.00); 301 users → 51 over → 2 packages = 20.00 (+10.00).
    const growth = computeAdjustments('USD', [{ periodStart: '2026-01-01', invoiced: period(GROWTH, { api_calls: '9000000', active_users: '300' }), repriced: period(GROWTH, { api_calls: '12000000', active_users: '301' }) }]);
    expect(growth.map((l) => [l.metric, l.planId, l.quantity, l.amount])).toEqual([['active_users', 'growth', '1', '10.00'], ['api_calls', 'growth', '3000000', '1000.00']]);
  });

  it('credits a total that went down (a latest-value metric), one line per metric and period, oldest period first, ignoring lines for other periods', () => {
    const lines = computeAdjustments('USD', [
      { periodStart: '2026-02-01', invoiced: period(STARTER, { api_calls: '200000' }), repriced: period(STARTER, { api_calls: '180000' }) },
      { periodStart: '2026-01-01', invoiced: [...period(STARTER, { api_calls: '100001' }), adjustment('api_calls', '5', '9.99', '2025-12-01')], repriced: period(STARTER, { api_calls: '100003' }) },
    ]);
    // Feb: 100,000 → 80,000 over included: 50.00 → 40.00 = −10.00. Jan: 1 → 3 over included: 0.0005 → 0.00 and 0.0015 → 0.00: no change in money, no line.
    expect(lines.map((l) => [l.adjustsPeriod, l.quantity, l.amount])).toEqual([['2026-02-01', '-20000', '-10.00']]);
  });

  it('has nothing to add when the usage did not change', () => {
    expect(computeAdjustments('USD', [{ periodStart: '2026-01-01', invoiced: period(STARTER, { api_calls: '150000' }), repriced: period(STARTER, { api_calls: '150000' }) }])).toEqual([]);
  });
});

describe('computeInvoice with corrections', () => {
  const APRIL = new Date('2026-04-01T00:00:00.000Z');
  const input = (over: Partial<InvoiceInput>): InvoiceInput => ({ currency: 'USD', taxRate: '0.2', periodStart: APRIL, billableFrom: APRIL, plan: STARTER, upgrades: [], usage: new Map(), ...over });

  it('taxes adjustment lines like the others', () => {
    const invoice = computeInvoice(input({ adjustments: [adjustment('api_calls', '20000', '10.00')] }));
    expect(invoice.lines.map((l) => [l.kind, l.amount])).toEqual([['base', '29.00'], ['usage', '0.00'], ['adjustment', '10.00']]);
    expect(invoice).toMatchObject({ subtotal: '39.00', tax: '7.80', total: '46.80' });
  });

  it('applies credit after tax, never below zero', () => {
    // 29.00 + 5.80 tax = 34.80; a credit of 12.345 is 12.34 (half-even to the cent) off it.
    const some = computeInvoice(input({ creditBalance: '12.345' }));
    expect(some.lines.at(-1)).toMatchObject({ kind: 'credit_applied', amount: '-12.34' });
    expect(some).toMatchObject({ subtotal: '29.00', tax: '5.80', total: '22.46' });
    // More credit than the invoice: it takes 34.80 and the rest carries forward (the caller keeps the balance).
    const all = computeInvoice(input({ creditBalance: '100' }));
    expect(all.lines.at(-1)).toMatchObject({ kind: 'credit_applied', amount: '-34.80' });
    expect(all.total).toBe('0.00');
    expect(computeInvoice(input({ creditBalance: '0' })).lines.some((l) => l.kind === 'credit_applied')).toBe(false);
  });
});
