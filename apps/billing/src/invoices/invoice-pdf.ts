/**
 * A finalized invoice as a PDF (pdfkit, the standard Helvetica font: text a machine can read back,
 * e.g. with pdftotext). Deterministic: the document's creation date (and so its file ID) is the
 * invoice's finalization time and nothing else varies, so the same invoice in the same state gives
 * the same bytes. The payment status is printed, so a PDF fetched after payment differs from one
 * fetched before.
 */
import PDFDocument from 'pdfkit';
import { decimal } from '../money/money';
import { InvoiceLine } from './invoice-calculation';
import { Invoice } from './invoice.row';

export interface InvoicePdfInput {
  /** The tenant's name as billing knows it (its billing account): the brand the invoice is issued under. */
  brandName: string;
  invoice: Invoice;
}

const MARGIN = 50;
const COLUMNS = { description: MARGIN, quantity: 300, unit: 380, amount: 450 };
const AMOUNT_WIDTH = 95;

const day = (at: Date) => at.toISOString().slice(0, 10);

/** What a line's quantity counts: days of the plan for base and proration lines, the metric's units for usage. */
export function lineUnit(line: InvoiceLine): string {
  if (line.kind === 'usage') return line.metric ?? 'units';
  return 'days';
}

export function paymentStatusText(invoice: Invoice): string {
  if (invoice.status === 'voided') return 'voided';
  switch (invoice.paymentStatus) {
    case 'succeeded':
      return 'paid';
    case 'failed':
      return 'payment failed';
    case 'pending':
      return 'awaiting payment';
    case null:
      return 'nothing to pay';
  }
}

export function renderInvoicePdf({ brandName, invoice }: InvoicePdfInput): Promise<Buffer> {
  if (!invoice.number || !invoice.finalizedAt) throw new Error(`invoice ${invoice.id} is not finalized`);
  const finalizedAt = invoice.finalizedAt;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Invoice ${invoice.number}`, Author: brandName, Subject: `Invoice ${invoice.number}`, Producer: 'Tenantry billing', Creator: 'Tenantry billing', CreationDate: finalizedAt, ModDate: finalizedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const lastDay = new Date(invoice.periodEnd.getTime() - 86_400_000);
  doc.font('Helvetica-Bold').fontSize(20).text(brandName, MARGIN, MARGIN);
  doc.font('Helvetica').fontSize(10).fillColor('#555555').text('Tenantry platform subscription');
  doc.moveDown(1.5);
  doc.fillColor('#000000').font('Helvetica-Bold').fontSize(16).text(`Invoice ${invoice.number}${invoice.status === 'voided' ? ' (VOID)' : ''}`);
  doc.moveDown(0.5);
  doc.font('Helvetica').fontSize(10);
  const facts: [string, string][] = [
    ['Invoice number', invoice.number],
    ['Issue date', day(finalizedAt)],
    ['Due date', invoice.dueAt ? day(invoice.dueAt) : '-'],
    ['Billing period', `${day(invoice.periodStart)} to ${day(lastDay)}`],
    ['Customer', invoice.tenantId],
    ['Currency', invoice.currency],
    ['Payment status', paymentStatusText(invoice)],
  ];
  for (const [label, value] of facts) doc.text(`${label}: ${value}`);
  doc.moveDown(1.5);

  let y = doc.y;
  doc.font('Helvetica-Bold');
  doc.text('Description', COLUMNS.description, y);
  doc.text('Quantity', COLUMNS.quantity, y);
  doc.text('Unit', COLUMNS.unit, y);
  doc.text('Amount', COLUMNS.amount, y, { width: AMOUNT_WIDTH, align: 'right' });
  y = doc.y + 4;
  doc.moveTo(MARGIN, y).lineTo(COLUMNS.amount + AMOUNT_WIDTH, y).stroke();
  doc.font('Helvetica');
  y += 6;
  for (const line of invoice.lines) {
    doc.text(line.description, COLUMNS.description, y, { width: COLUMNS.quantity - COLUMNS.description - 10 });
    const next = doc.y;
    doc.text(line.quantity, COLUMNS.quantity, y, { width: COLUMNS.unit - COLUMNS.quantity - 10 });
    doc.text(lineUnit(line), COLUMNS.unit, y, { width: COLUMNS.amount - COLUMNS.unit - 10 });
    doc.text(line.amount, COLUMNS.amount, y, { width: AMOUNT_WIDTH, align: 'right' });
    y = Math.max(next, doc.y) + 4;
    if (y > doc.page.height - 150) {
      doc.addPage();
      y = MARGIN;
    }
  }
  doc.moveTo(MARGIN, y).lineTo(COLUMNS.amount + AMOUNT_WIDTH, y).stroke();
  y += 8;
  const taxPercent = decimal(invoice.taxRate).times(100).toString();
  const totals: [string, string][] = [
    ['Subtotal', invoice.subtotal],
    [`Tax (${taxPercent}%)`, invoice.tax],
    [`Total ${invoice.currency}`, invoice.total],
  ];
  for (const [label, amount] of totals) {
    doc.font(label.startsWith('Total') ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(label, COLUMNS.unit - 80, y, { width: 150 });
    doc.text(amount, COLUMNS.amount, y, { width: AMOUNT_WIDTH, align: 'right' });
    y = doc.y + 4;
  }
  doc.font('Helvetica').fontSize(8).fillColor('#555555');
  doc.text(`Amounts in ${invoice.currency}; each line is rounded to the currency's minor unit (half-even), tax on the subtotal.`, MARGIN, y + 24, { width: 495 });
  doc.end();
  return done;
}
