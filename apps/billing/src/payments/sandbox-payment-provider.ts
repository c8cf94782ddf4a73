/**
 * The default provider: a sandbox that behaves like a card processor, in billing's database as the
 * processor's own systems would be elsewhere. Tokenizing keeps the card's behaviour under a random
 * token (never the number); a charge is recorded once per idempotency key (unique) and decided
 * SANDBOX_SETTLE_DELAY_MS later, when the sandbox POSTs a signed callback (HMAC-SHA256 with
 * BILLING_PROVIDER_WEBHOOK_SECRET, header `Sandbox-Signature: t=…,v1=…`) to billing's
 * `/payment-provider/callbacks/sandbox` (SANDBOX_CALLBACK_URL, else this process's own address) —
 * like a processor's webhook, the only way a charge's outcome reaches billing. A callback that is not
 * answered 2xx is sent again (five tries, a second apart), with the same event id.
 *
 * Deterministic cards (as Stripe's test cards):
 * - 4242424242424242 — charges succeed;
 * - 4000000000000341 — attaches, its charges are declined (`card_declined`);
 * - 4000000000009995 — attaches, its charges fail with `insufficient_funds`;
 * - 4000000000000002 — declined at attach (`card_declined`);
 * - any other number: charges succeed.
 */
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Clock, LOGGER } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { DataSource } from 'typeorm';
import { BillingConfig } from '../billing.config';
import { callbackSignature, verifyCallbackSignature } from './callback-signature';
import { CallbackMalformedError, CardDeclinedError, CardInput, ChargeRequest, PaymentProvider, ProviderCallback, ProviderEvent, RefundRequest, TokenizedCard } from './payment-provider';

export const SANDBOX_SIGNATURE_HEADER = 'sandbox-signature';
const DELIVERY_TRIES = 5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The sandbox's callback body (a processor's webhook event). */
export interface SandboxEvent {
  id: string;
  type: 'charge.succeeded' | 'charge.failed';
  created: string;
  data: { chargeId: string; idempotencyKey: string; failureCode: string | null };
}

type Behaviour = 'succeed' | 'decline' | 'insufficient_funds';

const DECLINED_AT_ATTACH = '4000000000000002';
const BEHAVIOURS: Readonly<Record<string, Behaviour>> = {
  '4000000000000341': 'decline',
  '4000000000009995': 'insufficient_funds',
};

function brandOf(number: string): string {
  if (number.startsWith('4')) return 'visa';
  if (/^5[1-5]/.test(number) || /^2[2-7]/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  return 'unknown';
}

@Injectable()
export class SandboxPaymentProvider extends PaymentProvider implements BeforeApplicationShutdown {
  readonly name = 'sandbox';
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: BillingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly http: HttpAdapterHost,
  ) {
    super();
  }

  async tokenize(card: CardInput): Promise<TokenizedCard> {
    if (card.number === DECLINED_AT_ATTACH) throw new CardDeclinedError('card_declined');
    const token = `tok_sandbox_${randomBytes(12).toString('hex')}`;
    await this.dataSource.query(`INSERT INTO sandbox_cards (token, behaviour, created_at) VALUES ($1, $2, $3)`, [token, BEHAVIOURS[card.number] ?? 'succeed', this.clock.now().toISOString()]);
    return { token, brand: brandOf(card.number), last4: card.number.slice(-4), expMonth: card.expMonth, expYear: card.expYear };
  }

  async charge(request: ChargeRequest): Promise<{ chargeId: string }> {
    const id = `ch_sandbox_${randomBytes(12).toString('hex')}`;
    const inserted = (await this.dataSource.query(
      `INSERT INTO sandbox_charges (id, idempotency_key, token, amount_minor, currency, status, created_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [id, request.idempotencyKey, request.token, request.amountMinor, request.currency, this.clock.now().toISOString()],
    )) as { id: string }[];
    if (inserted.length === 0) {
      const [existing] = (await this.dataSource.query(`SELECT id FROM sandbox_charges WHERE idempotency_key = $1`, [request.idempotencyKey])) as { id: string }[];
      return { chargeId: (existing as { id: string }).id };
    }
    this.later(id);
    return { chargeId: id };
  }

  /** One refund per idempotency key (UNIQUE); the charge must have succeeded and its refunds may not exceed it. Confirmed at once. */
  async refund(request: RefundRequest): Promise<{ refundId: string }> {
    return this.dataSource.transaction(async (em) => {
      const [existing] = (await em.query(`SELECT id FROM sandbox_refunds WHERE idempotency_key = $1`, [request.idempotencyKey])) as { id: string }[];
      if (existing) return { refundId: existing.id };
      const [charge] = (await em.query(
        `SELECT c.status, c.currency, c.amount_minor::int AS amount_minor, COALESCE((SELECT sum(r.amount_minor) FROM sandbox_refunds r WHERE r.charge_id = c.id), 0)::int AS refunded
           FROM sandbox_charges c WHERE c.id = $1 FOR UPDATE`,
        [request.chargeId],
      )) as { status: string; currency: string; amount_minor: number; refunded: number }[];
      if (!charge || charge.status !== 'succeeded') throw new Error(`sandbox: charge ${request.chargeId} cannot be refunded`);
      if (charge.currency !== request.currency || charge.refunded + request.amountMinor > charge.amount_minor) throw new Error(`sandbox: refund of ${request.amountMinor} exceeds charge ${request.chargeId}`);
      const id = `re_sandbox_${randomBytes(12).toString('hex')}`;
      const inserted = (await em.query(
        `INSERT INTO sandbox_refunds (id, idempotency_key, charge_id, amount_minor, currency, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [id, request.idempotencyKey, request.chargeId, request.amountMinor, request.currency, this.clock.now().toISOString()],
      )) as { id: string }[];
      if (inserted.length === 0) {
        const [again] = (await em.query(`SELECT id FROM sandbox_refunds WHERE idempotency_key = $1`, [request.idempotencyKey])) as { id: string }[];
        return { refundId: (again as { id: string }).id };
      }
      return { refundId: id };
    });
  }

  readCallback(callback: ProviderCallback, now: Date): ProviderEvent {
    verifyCallbackSignature(callback.headers[SANDBOX_SIGNATURE_HEADER], callback.rawBody, this.config.BILLING_PROVIDER_WEBHOOK_SECRET, now, this.config.BILLING_PROVIDER_WEBHOOK_TOLERANCE_SECONDS);
    let event: Partial<SandboxEvent>;
    try {
      event = JSON.parse(callback.rawBody.toString('utf8')) as Partial<SandboxEvent>;
    } catch {
      throw new CallbackMalformedError('the body is not JSON');
    }
    const data = event.data;
    const at = new Date(event.created ?? '');
    if (typeof event.id !== 'string' || !/^evt_[A-Za-z0-9_]{1,100}$/.test(event.id)) throw new CallbackMalformedError('id: not an event id');
    if (event.type !== 'charge.succeeded' && event.type !== 'charge.failed') throw new CallbackMalformedError('type: must be charge.succeeded or charge.failed');
    if (Number.isNaN(at.getTime())) throw new CallbackMalformedError('created: not a timestamp');
    if (!data || typeof data.chargeId !== 'string' || typeof data.idempotencyKey !== 'string' || !UUID.test(data.idempotencyKey)) throw new CallbackMalformedError('data: chargeId and idempotencyKey (a payment id) are required');
    const outcome = event.type === 'charge.succeeded' ? 'succeeded' : 'failed';
    return { eventId: event.id, settlement: { chargeId: data.chargeId, idempotencyKey: data.idempotencyKey, outcome, failureCode: outcome === 'failed' ? (data.failureCode ?? 'failed') : null, at } };
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private later(chargeId: string): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const settling = this.settle(chargeId).catch((error: unknown) => this.logger.error({ err: error, chargeId }, 'sandbox settlement failed'));
      this.inFlight.add(settling);
      void settling.finally(() => this.inFlight.delete(settling));
    }, this.config.SANDBOX_SETTLE_DELAY_MS);
    this.timers.add(timer);
  }

  /** The processor's side: decides the charge (once) and tells billing through a signed callback. */
  private async settle(chargeId: string): Promise<void> {
    const at = this.clock.now();
    const rows = (await this.dataSource.query(
      `UPDATE sandbox_charges c SET status = CASE k.behaviour WHEN 'succeed' THEN 'succeeded' ELSE 'failed' END,
              failure_code = CASE k.behaviour WHEN 'succeed' THEN NULL WHEN 'decline' THEN 'card_declined' ELSE k.behaviour END, settled_at = $2
         FROM sandbox_cards k WHERE k.token = c.token AND c.id = $1 AND c.status = 'pending'
       RETURNING c.idempotency_key, c.status, c.failure_code`,
      [chargeId, at.toISOString()],
    )) as [{ idempotency_key: string; status: 'succeeded' | 'failed'; failure_code: string | null }[], number];
    const [row] = rows[0];
    if (!row) return;
    const event: SandboxEvent = {
      id: `evt_sandbox_${randomBytes(12).toString('hex')}`,
      type: row.status === 'succeeded' ? 'charge.succeeded' : 'charge.failed',
      created: at.toISOString(),
      data: { chargeId, idempotencyKey: row.idempotency_key, failureCode: row.failure_code },
    };
    await this.deliver(event);
  }

  private async deliver(event: SandboxEvent): Promise<void> {
    const body = JSON.stringify(event);
    for (let attempt = 1; attempt <= DELIVERY_TRIES && !this.stopped; attempt++) {
      try {
        // Signed at each try, as of the clock's now, like a processor re-sending a webhook.
        const signature = callbackSignature(this.config.BILLING_PROVIDER_WEBHOOK_SECRET, Math.floor(this.clock.now().getTime() / 1_000), body);
        const response = await fetch(this.callbackUrl(), { method: 'POST', headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signature }, body, signal: AbortSignal.timeout(10_000) });
        if (response.ok) return;
        this.logger.warn({ eventId: event.id, status: response.status, attempt }, 'sandbox callback refused');
      } catch (error) {
        this.logger.warn({ err: error, eventId: event.id, attempt }, 'sandbox callback not delivered');
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    this.logger.error({ eventId: event.id, chargeId: event.data.chargeId }, 'sandbox callback given up');
  }

  private callbackUrl(): string {
    if (this.config.SANDBOX_CALLBACK_URL) return this.config.SANDBOX_CALLBACK_URL;
    const address = (this.http.httpAdapter.getHttpServer() as { address(): AddressInfo | string | null }).address();
    if (!address || typeof address === 'string') throw new Error('billing is not listening: no address for the sandbox callback');
    // Listening on every interface: call it over loopback; on one address: that address.
    const host = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}/payment-provider/callbacks/sandbox`;
  }
}
