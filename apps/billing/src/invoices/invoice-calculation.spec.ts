import { PlanVersion } from '../catalogue/plan.row';
import { computeInvoice, InvoiceInput } from './invoice-calculation';

const AT = new Date('2026-01-01T00:00:00.000Z');
const STARTER: PlanVersion = {
  planId: 'starter', version: 1, name: 'Starter', basePrice: '29', trialDays: 14, createdAt: AT,
  charges: [{ metric: 'api_calls', model: 'standard', unitPrice: '0.0005', includedQuantity: '100000' }],
};
const GROWTH: PlanVersion = {
  planId: 'growth', version: 1, name: 'Growth', basePrice: '99', trialDays: null, createdAt: AT,
  charges: [{ metric: 'api_calls', model: 'graduated', includedQuantity: '1000000', tiers: [{ upTo: '10000000', unitPrice: '0.0004' }, { upTo: null, unitPrice: '0.0002' }] }],
};
const APRIL = new Date('2026-04-01T00:00:00.000Z');
const base = (over: Partial<InvoiceInput>): InvoiceInput => ({ currency: 'USD', taxRate: '0', periodStart: APRIL, billableFrom: APRIL, plan: STARTER, upgrades: [], usage: new Map(), ...over });

describe('computeInvoice', () => {
  it('charges a whole period: base price plus usage over the included quantity, with tax on the rounded subtotal', () => {
    const invoice = computeInvoice(base({ taxRate: '0.2', usage: new Map([['api_calls', '123457']]) }));
    expect(invoice.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([
      ['base', '30', '29.00'],
      ['usage', '123457', '11.73'], // 23457 × 0.0005 = 11.7285 → 11.73
    ]);
    expect(invoice).toMatchObject({ subtotal: '40.73', tax: '8.15', total: '48.88' }); // 8.146 → 8.15
  });

  it('prorates the first period from the start day, and rounds each line half-even', () => {
    // 29 × 17 / 30 = 16.4333… → 16.43
    const invoice = computeInvoice(base({ billableFrom: new Date('2026-04-14T09:00:00.000Z') }));
    expect(invoice.lines[0]).toMatchObject({ kind: 'base', description: 'Starter plan (17/30 days)', amount: '16.43' });
    // exact halves go to the even cent: 0.0005 × 50 = 0.025 → 0.02 (half-up would give 0.03), 0.0005 × 70 = 0.035 → 0.04
    const tie = (calls: string) => computeInvoice(base({ plan: { ...STARTER, basePrice: '0', charges: [{ metric: 'api_calls', model: 'standard', unitPrice: '0.0005' }] }, usage: new Map([['api_calls', calls]]) }));
    expect(tie('50').lines[1]?.amount).toBe('0.02');
    expect(tie('70').lines[1]?.amount).toBe('0.04');
  });

  it('credits the unused days of the old plan and charges the new one pro rata on an upgrade', () => {
    // Upgrade on 21 April: 10 of 30 days left. Credit 29 × 10/30 = 9.666… → −9.67; charge 99 × 10/30 = 33.00.
    const invoice = computeInvoice(base({ upgrades: [{ at: new Date('2026-04-21T15:00:00.000Z'), from: STARTER, to: GROWTH }], usage: new Map([['api_calls', '1500000']]) }));
    expect(invoice.lines.map((l) => [l.kind, l.planId, l.quantity, l.amount])).toEqual([
      ['base', 'starter', '30', '29.00'],
      ['proration_credit', 'starter', '10', '-9.67'],
      ['proration_charge', 'growth', '10', '33.00'],
      ['usage', 'growth', '1500000', '200.00'], // (1.5 M − 1 M) × 0.0004
    ]);
    expect(invoice.total).toBe('252.33');
  });

  it('bills nothing for a period that is all trial, and only the days after the trial otherwise', () => {
    const allTrial = computeInvoice(base({ billableFrom: new Date('2026-05-03T00:00:00.000Z'), usage: new Map([['api_calls', '900000']]) }));
    expect(allTrial).toEqual({ lines: [], subtotal: '0.00', tax: '0.00', total: '0.00' });
    const partial = computeInvoice(base({ billableFrom: new Date('2026-04-29T00:00:00.000Z') }));
    expect(partial.lines[0]).toMatchObject({ quantity: '2', amount: '1.93' }); // 29 × 2/30 = 1.9333…
  });

  it('does not bill the days the subscription is canceled: base and upgrade proration count active days only; canceled all through, nothing', () => {
    const days = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => new Date(Date.UTC(2026, 3, from + k)));
    // Deactivated on 11 April, reactivated on 21 April: 10 canceled days, 20 billed. 29 × 20/30 = 19.333… → 19.33.
    const paused = computeInvoice(base({ canceledDays: days(11, 20), usage: new Map([['api_calls', '100500']]) }));
    expect(paused.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['base', '20', '19.33'], ['usage', '100500', '0.25']]);
    // An upgrade on 21 April, canceled from 26 April: 5 days of each plan's difference. Credit 29 × 5/30 = 4.833… → −4.83, charge 99 × 5/30 = 16.50.
    const upgraded = computeInvoice(base({ canceledDays: days(26, 30), upgrades: [{ at: new Date('2026-04-21T00:00:00.000Z'), from: STARTER, to: GROWTH }] }));
    expect(upgraded.lines.filter((l) => l.kind !== 'usage').map((l) => [l.kind, l.quantity, l.amount])).toEqual([['base', '25', '24.17'], ['proration_credit', '5', '-4.83'], ['proration_charge', '5', '16.50']]);
    expect(computeInvoice(base({ canceledDays: days(1, 30), usage: new Map([['api_calls', '900000']]) }))).toEqual({ lines: [], subtotal: '0.00', tax: '0.00', total: '0.00' });
  });
});
