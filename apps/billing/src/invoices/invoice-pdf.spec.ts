import { execFileSync } from 'node:child_process';
import { pdfToText } from '@tenantry/testing';
import { Invoice } from './invoice.row';
import { renderInvoicePdf } from './invoice-pdf';

const INVOICE: Invoice = {
  id: '8a1d8c8e-2b0e-4a57-9c55-0d3c1c1f0a11',
  tenantId: '5f3a8c8e-2b0e-4a57-9c55-0d3c1c1f0a22',
  subscriptionId: '6f3a8c8e-2b0e-4a57-9c55-0d3c1c1f0a33',
  periodStart: new Date('2026-04-01T00:00:00Z'),
  periodEnd: new Date('2026-05-01T00:00:00Z'),
  status: 'finalized',
  paymentStatus: 'pending',
  number: 'INV-000042',
  currency: 'EUR',
  taxRate: '0.2',
  subtotal: '40.73',
  tax: '8.15',
  total: '48.88',
  planId: 'starter',
  planVersion: 1,
  billableFrom: new Date('2026-04-14T00:00:00Z'),
  revision: 1,
  graceEndsAt: new Date('2026-05-04T00:00:00Z'),
  finalizedAt: new Date('2026-05-04T01:00:00Z'),
  dueAt: new Date('2026-05-18T01:00:00Z'),
  createdAt: new Date('2026-05-01T01:00:00Z'),
  lines: [
    { kind: 'base', description: 'Starter plan (17/30 days)', planId: 'starter', metric: null, quantity: '17', amount: '16.43' },
    { kind: 'usage', description: 'api_calls: 148600 units, 100000 included', planId: 'starter', metric: 'api_calls', quantity: '148600', amount: '24.30' },
  ],
};


describe('invoice PDF', () => {
  it('is a PDF whose text has the brand, number, dates, period, lines, tax and totals', async () => {
    const pdf = await renderInvoicePdf({ brandName: 'Acme Rockets', invoice: INVOICE });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfToText(pdf);
    for (const expected of ['Acme Rockets', 'Invoice INV-000042', 'Issue date: 2026-05-04', 'Due date: 2026-05-18', 'Billing period: 2026-04-01 to 2026-04-30', 'Currency: EUR', 'Payment status: awaiting payment']) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Starter plan \(17\/30 days\)\s+17\s+days\s+16\.43/);
    expect(text).toMatch(/api_calls: 148600 units, 100000 included\s+148600\s+api_calls\s+24\.30/);
    expect(text).toMatch(/Subtotal\s+40\.73/);
    expect(text).toMatch(/Tax \(20%\)\s+8\.15/);
    expect(text).toMatch(/Total EUR\s+48\.88/);
  });

  it('gives the same bytes for the same invoice, dated at its finalization', async () => {
    const first = await renderInvoicePdf({ brandName: 'Acme Rockets', invoice: INVOICE });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await renderInvoicePdf({ brandName: 'Acme Rockets', invoice: INVOICE });
    expect(second.equals(first)).toBe(true);
    expect(first.toString('latin1')).toContain('(D:20260504010000Z)');
    expect(execFileSync('pdfinfo', ['-isodates', '-'], { input: first, encoding: 'utf8' })).toMatch(/CreationDate:\s+2026-05-04T01:00:00Z/);
  });

  it('prints a paid invoice as paid', async () => {
    const text = pdfToText(await renderInvoicePdf({ brandName: 'Acme Rockets', invoice: { ...INVOICE, paymentStatus: 'succeeded' } }));
    expect(text).toContain('Payment status: paid');
  });

  it('refuses a draft', () => {
    expect(() => renderInvoicePdf({ brandName: 'Acme', invoice: { ...INVOICE, status: 'draft', number: null, finalizedAt: null } })).toThrow(/not finalized/);
  });
});
