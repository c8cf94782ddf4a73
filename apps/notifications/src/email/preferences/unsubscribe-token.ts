/**
 * Unsubscribe links' tokens: `<base64url JSON {t: tenant, r: recipient, c: category}>.<base64url
 * HMAC-SHA256>` under NOTIFY_UNSUBSCRIBE_KEY. A token only ever switches off the one category for
 * the one recipient and tenant it was minted for, so it can be used without an API key (the link
 * in the mail, RFC 8058 one-click); anything that does not verify is refused the same way.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface UnsubscribeClaims {
  tenantId: string;
  recipient: string;
  category: string;
}

const MAX_TOKEN = 1_024;

export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(keyBase64: string) {
    this.key = Buffer.from(keyBase64, 'base64');
  }

  mint(claims: UnsubscribeClaims): string {
    const body = Buffer.from(JSON.stringify({ v: 1, t: claims.tenantId, r: claims.recipient.toLowerCase(), c: claims.category })).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** undefined: not a token of ours. */
  verify(token: string): UnsubscribeClaims | undefined {
    if (token.length > MAX_TOKEN) return undefined;
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { v?: unknown; t?: unknown; r?: unknown; c?: unknown };
      if (parsed.v !== 1 || typeof parsed.t !== 'string' || typeof parsed.r !== 'string' || typeof parsed.c !== 'string') return undefined;
      return { tenantId: parsed.t, recipient: parsed.r, category: parsed.c };
    } catch {
      return undefined;
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(`tenantry-unsubscribe:${body}`).digest('base64url');
  }
}
