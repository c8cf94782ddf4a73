/**
 * The invoice PDF from billing's internal API (`GET <BILLING_URL>/internal/v1/tenants/:id/invoices/:invoiceId/pdf`),
 * called with notifications' own 30-s token (`iss: tenantry-notifications`, `sub: service:notifications`,
 * `role: service`, signed with NOTIFY_INTERNAL_SIGNING_KEY), which billing accepts on its PDF routes only.
 * At most 5 MiB, 10 s.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { parseSigningKey, SERVICE_TOKEN_ROLE, serviceTokenIssuer, serviceTokenSubject, signInternalToken, SigningKey } from '@tenantry/internal-auth';
import { NotificationsConfig } from '../../notifications.config';
import { InvoicePdf, InvoicePdfError, InvoicePdfSource } from './invoice-pdf-source';

export const MAX_INVOICE_PDF_BYTES = 5 * 1024 * 1024;
export const INVOICE_PDF_TIMEOUT_MS = 10_000;
const SERVICE = 'notifications';

@Injectable()
export class BillingInvoicePdfSource extends InvoicePdfSource {
  private readonly signingKey: SigningKey;
  private readonly baseUrl: string;

  constructor(config: NotificationsConfig) {
    super();
    this.signingKey = parseSigningKey(config.NOTIFY_INTERNAL_SIGNING_KEY);
    this.baseUrl = config.BILLING_URL.replace(/\/$/, '');
  }

  async fetch(tenantId: string, invoiceId: string): Promise<InvoicePdf> {
    const token = signInternalToken(this.signingKey, {
      issuer: serviceTokenIssuer(SERVICE),
      audience: 'billing',
      actor: serviceTokenSubject(SERVICE),
      role: SERVICE_TOKEN_ROLE,
      requestId: randomUUID(),
    });
    const url = `${this.baseUrl}/internal/v1/tenants/${encodeURIComponent(tenantId)}/invoices/${encodeURIComponent(invoiceId)}/pdf`;
    const signal = AbortSignal.timeout(INVOICE_PDF_TIMEOUT_MS);
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/pdf' }, signal, redirect: 'error' });
    } catch (error) {
      throw new InvoicePdfError(`invoice PDF unavailable: billing unreachable (${describe(error)})`, true);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      // 5xx and 429: billing will answer later; anything else (404: no such invoice for the tenant, 401/403: a key misconfigured) is final.
      const temporary = response.status >= 500 || response.status === 429;
      throw new InvoicePdfError(`invoice PDF unavailable: billing answered ${response.status}`, temporary);
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > MAX_INVOICE_PDF_BYTES) {
      await response.body?.cancel().catch(() => undefined);
      throw new InvoicePdfError(`invoice PDF unavailable: ${declared} bytes is over ${MAX_INVOICE_PDF_BYTES}`, false);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body ?? []) {
        size += (chunk as Uint8Array).byteLength;
        if (size > MAX_INVOICE_PDF_BYTES) {
          await response.body?.cancel().catch(() => undefined);
          throw new InvoicePdfError(`invoice PDF unavailable: over ${MAX_INVOICE_PDF_BYTES} bytes`, false);
        }
        chunks.push(Buffer.from(chunk as Uint8Array));
      }
    } catch (error) {
      if (error instanceof InvoicePdfError) throw error;
      throw new InvoicePdfError(`invoice PDF unavailable: reading billing's answer failed (${describe(error)})`, true);
    }
    const content = Buffer.concat(chunks);
    if (content.subarray(0, 5).toString('latin1') !== '%PDF-') throw new InvoicePdfError('invoice PDF unavailable: billing did not answer a PDF', false);
    const named = /filename="([A-Za-z0-9._-]{1,100})\.pdf"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
    return { filename: `${named ?? invoiceId}.pdf`, content };
  }
}

function describe(error: unknown): string {
  // Duck-typed: fetch's errors may come from another realm (undici), where instanceof Error fails.
  const e = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown; cause?: { code?: unknown; errors?: { code?: unknown }[] } };
  if (e.name === 'TimeoutError') return `no answer in ${INVOICE_PDF_TIMEOUT_MS / 1000} s`;
  const code = e.cause?.code ?? e.cause?.errors?.[0]?.code;
  return String(typeof code === 'string' ? code : typeof e.message === 'string' ? e.message : error).slice(0, 200);
}
