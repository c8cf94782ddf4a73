/**
 * The unsubscribe link of every non-critical mail (RFC 8058), the gateway's one keyless route: the
 * link's token (minted and checked by notifications under NOTIFY_UNSUBSCRIBE_KEY) is the whole
 * authority, and it can only switch off one category for one recipient of one tenant. Rate-limited
 * per source address like any call without a key, every POST audited. A GET only shows what the link
 * would do (mail scanners open links: a GET never changes anything) with a button that POSTs; the
 * POST — the button, or the mail client's one-click `List-Unsubscribe=One-Click` form post — does it.
 * Forwarded to notifications with an internal token for `anonymous:unsubscribe`.
 */
import { Controller, Get, HttpCode, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { UnsubscribeResultDto } from '@tenantry/notifications-api';
import { invalidField, isUuid } from '@tenantry/service';
import { GatewayRequest, gatewayState } from '../auth';
import { ApiProblems } from '../openapi';
import { AddressRateLimitGuard } from '../rate-limit';
import { BufferedReply, parseDocument, ReplyLike, UpstreamProxy, writeReply } from '../upstream';

const PURPOSE = 'unsubscribe';
const TOKEN = /^[A-Za-z0-9_-]{1,900}\.[A-Za-z0-9_-]{1,100}$/;
const PAGE_CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'";
const CATEGORY_TEXT: Record<string, string> = { usage: 'usage alerts', billing: 'billing mails (invoices)', lifecycle: 'lifecycle mails (reactivation, offboarding)', product: 'product news' };

function tokenOf(value: unknown): string {
  if (typeof value !== 'string' || !TOKEN.test(value)) throw invalidField('token', 'is required once: the token of the link in the mail');
  return value;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function wantsHtml(request: GatewayRequest): boolean {
  const accept = request.headers['accept'];
  return typeof accept === 'string' && /\btext\/html\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept.split(',')[0] ?? '');
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

@ApiTags('notifications')
@UseGuards(AddressRateLimitGuard)
@Controller('api/v1/platform/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly upstream: UpstreamProxy) {}

  @Get()
  @ApiOperation({
    operationId: 'checkUnsubscribeLink',
    summary: 'Open an unsubscribe link (no API key)',
    description:
      "The link in a mail's footer and `List-Unsubscribe` header: checks the token and says which category it switches off, changing nothing (mail scanners open links). A browser (`Accept: text/html`) gets a page with a button that POSTs the same URL; anything else gets JSON. No API key: the token is the authority. Rate-limited per source address.",
    security: [],
  })
  @ApiQuery({ name: 'token', required: true, description: 'The token of the link in the mail' })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: UnsubscribeResultDto, description: 'What the link switches off (`unsubscribed: false`: nothing changed yet)' })
  @ApiProblems(400, 429, 503)
  async check(@Query('token') token: unknown, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    const answer = await this.call('GET', tokenOf(token), request);
    if (answer.status !== 200 || !wantsHtml(request)) {
      writeReply(reply, answer, request.url);
      return;
    }
    const category = String(parseDocument(answer.body)?.['category'] ?? '');
    const action = `/api/v1/platform/unsubscribe?token=${encodeURIComponent(tokenOf(token))}`;
    this.html(reply, page('Unsubscribe', `<p>Stop receiving ${escapeHtml(CATEGORY_TEXT[category] ?? category)} from this tenant at this address? Security, suspension and payment mails are still sent.</p><form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`));
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'unsubscribe',
    summary: 'Unsubscribe with a link (no API key, RFC 8058 one-click)',
    description:
      "Switches off the link's one category (usage, billing, lifecycle or product) for its one recipient and tenant; using it again is harmless. Takes the mail client's one-click form post (`application/x-www-form-urlencoded`, `List-Unsubscribe=One-Click`) or no body. A token that does not verify is 400 `invalid-unsubscribe-token` and changes nothing. No API key; rate-limited per source address; audited.",
    security: [],
  })
  @ApiQuery({ name: 'token', required: true, description: 'The token of the link in the mail' })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: UnsubscribeResultDto, description: 'Switched off (`unsubscribed: true`)' })
  @ApiProblems(400, 415, 429, 503)
  async unsubscribe(@Query('token') token: unknown, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    const answer = await this.call('POST', tokenOf(token), request);
    const tenantId = parseDocument(answer.body)?.['tenantId'];
    if (answer.status === 200 && typeof tenantId === 'string' && isUuid(tenantId)) gatewayState(request).auditTenantId = tenantId;
    if (answer.status !== 200 || !wantsHtml(request)) {
      writeReply(reply, answer, request.url);
      return;
    }
    const category = String(parseDocument(answer.body)?.['category'] ?? '');
    this.html(reply, page('Unsubscribed', `<p>You will no longer receive ${escapeHtml(CATEGORY_TEXT[category] ?? category)} from this tenant at this address.</p>`));
  }

  private call(method: 'GET' | 'POST', token: string, request: GatewayRequest): Promise<BufferedReply> {
    return this.upstream.readAnonymous(PURPOSE, request, { upstream: 'notifications', method, path: `/internal/v1/unsubscribe?token=${encodeURIComponent(token)}` });
  }

  private html(reply: ReplyLike, body: string): void {
    reply.header('content-type', 'text/html; charset=utf-8');
    reply.header('content-security-policy', PAGE_CSP);
    reply.status(200).send(body);
  }
}
