/**
 * Sends one signed webhook: checks the URL again (SSRF guard), then connects to the address the
 * guard checked — node's `lookup` hook returns it instead of resolving the name again — with TLS
 * still verified against the host name. A whole answer must arrive within WEBHOOK_TIMEOUT_MS; at most
 * 64 KiB of it is read and the first 1 KiB is kept as the excerpt. Redirects are not followed.
 */
import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Injectable } from '@nestjs/common';
import { WebhookUrlGuard } from '../ssrf/webhook-url-guard';
import { WebhooksConfig } from '../webhooks.config';

export const EXCERPT_BYTES = 1024;
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface OutgoingWebhook {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface WebhookResponse {
  /** null: no answer (refused address, connection error, timeout). */
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

export abstract class WebhookHttpClient {
  abstract send(webhook: OutgoingWebhook): Promise<WebhookResponse>;
}

@Injectable()
export class NodeWebhookHttpClient extends WebhookHttpClient {
  constructor(
    private readonly guard: WebhookUrlGuard,
    private readonly config: WebhooksConfig,
  ) {
    super();
  }

  async send(webhook: OutgoingWebhook): Promise<WebhookResponse> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const check = await this.guard.check(webhook.url);
    if (!check.ok) return { statusCode: null, latencyMs: elapsed(), error: `refused: ${check.reason}`, responseExcerpt: null };
    const { url, target } = check;
    const lookup: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as unknown as (err: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<WebhookResponse>((resolve) => {
      let settled = false;
      const finish = (outcome: Omit<WebhookResponse, 'latencyMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...outcome, latencyMs: elapsed() });
      };
      const req = send(
        url,
        { method: 'POST', lookup, headers: { ...webhook.headers, 'content-length': String(webhook.body.length) }, agent: false },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const done = (truncated: boolean) => {
            const excerpt = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
            finish({ statusCode: res.statusCode ?? null, error: truncated ? `answer larger than ${MAX_RESPONSE_BYTES} bytes; the rest was not read` : null, responseExcerpt: excerpt || null });
          };
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
            else {
              done(true);
              req.destroy();
            }
          });
          res.on('end', () => done(false));
          res.on('error', (error: Error) => finish({ statusCode: res.statusCode ?? null, error: error.message, responseExcerpt: null }));
        },
      );
      const timer = setTimeout(() => {
        finish({ statusCode: null, error: `timeout: no complete answer within ${this.config.WEBHOOK_TIMEOUT_MS} ms`, responseExcerpt: null });
        req.destroy();
      }, this.config.WEBHOOK_TIMEOUT_MS);
      req.on('error', (error: Error) => finish({ statusCode: null, error: error.message, responseExcerpt: null }));
      req.end(webhook.body);
    });
  }
}
