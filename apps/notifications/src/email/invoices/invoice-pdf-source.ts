/** Fetching an invoice's PDF for the attachment of an invoice-issued mail (port): the HTTP implementation is billing-invoice-pdf-source.ts. */
export interface InvoicePdf {
  /** `<invoice number>.pdf` (from billing's Content-Disposition), else `<invoice id>.pdf`. */
  filename: string;
  content: Buffer;
}

/** The PDF could not be had: temporary (billing unreachable, 5xx, timeout) is retried like a 4xx SMTP reply; otherwise (404, …) the mail fails. */
export class InvoicePdfError extends Error {
  constructor(
    message: string,
    readonly temporary: boolean,
  ) {
    super(message);
  }
}

export abstract class InvoicePdfSource {
  abstract fetch(tenantId: string, invoiceId: string): Promise<InvoicePdf>;
}
