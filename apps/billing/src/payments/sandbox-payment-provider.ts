/**
 * The default provider: a sandbox that behaves like a card processor, in billing's database as the
 * processor's own systems would be elsewhere. Tokenizing keeps the card's behaviour under a random
 * token (never the number); a charge is recorded once per idempotency key (unique) and confirmed
 * asynchronously, SANDBOX_SETTLE_DELAY_MS later, through the settlement handler.
 *
 * Deterministic cards (as Stripe's test cards):
 * - 4242424242424242 — charges succeed;
 * - 4000000000000341 — attaches, its charges are declined (`card_declined`);
 * - 4000000000009995 — attaches, its charges fail with `insufficient_funds`;
 * - 4000000000000002 — declined at attach (`card_declined`);
 * - any other number: charges succeed.
 */
import { randomBytes } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { Clock, LOGGER } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { DataSource } from 'typeorm';
import { BillingConfig } from '../billing.config';
import { CardDeclinedError, CardInput, ChargeRequest, ChargeSettlement, PaymentProvider, TokenizedCard } from './payment-provider';

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
  private handler: ((settlement: ChargeSettlement) => Promise<void>) | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: BillingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
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

  onSettled(handler: (settlement: ChargeSettlement) => Promise<void>): void {
    this.handler = handler;
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
    if (!row || !this.handler) return;
    await this.handler({ chargeId, idempotencyKey: row.idempotency_key, outcome: row.status, failureCode: row.failure_code, at });
  }
}
