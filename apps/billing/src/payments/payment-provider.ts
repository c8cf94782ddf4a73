/**
 * The port to a card processor. Billing hands it a card once (`tokenize`) and keeps only the token
 * and display fields; a charge names the token, the amount and an idempotency key (the same key
 * again is the same charge, never a second collection) and is confirmed later, asynchronously,
 * through a signed callback (webhook) the processor POSTs to billing's
 * `/payment-provider/callbacks/<name>` route: `readCallback` verifies it (signature, timestamp
 * tolerance) and reads it into a settlement, which SettlePaymentUseCase applies once per event id.
 *
 * A real processor plugs in as another adapter: `tokenize` and `charge` call its API (the idempotency
 * key goes in its idempotency header), and `readCallback` verifies its webhook with its own scheme
 * (Stripe: the `Stripe-Signature` header, `t=…,v1=HMAC-SHA256(secret, t + "." + body)`, the same
 * shape as the sandbox's) and maps its event (`charge.succeeded`, `payment_intent.payment_failed`, …)
 * to a `ProviderEvent`. The route, the event-id idempotency and the settlement stay as they are; its
 * endpoint secret goes in BILLING_PROVIDER_WEBHOOK_SECRET.
 */
export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc?: string;
}

export interface TokenizedCard {
  token: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export interface ChargeRequest {
  token: string;
  amountMinor: number;
  currency: string;
  idempotencyKey: string;
}

export interface RefundRequest {
  /** The provider's id of the charge to refund. */
  chargeId: string;
  amountMinor: number;
  currency: string;
  /** The same key again is the same refund (billing uses the credit note's id). */
  idempotencyKey: string;
}

export interface ChargeSettlement {
  chargeId: string;
  idempotencyKey: string;
  outcome: 'succeeded' | 'failed';
  failureCode: string | null;
  at: Date;
}

/** A callback as it arrived: the headers and the exact bytes of the body (a signature covers those). */
export interface ProviderCallback {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

/** A verified callback: the provider's event id (a callback delivered again carries the same) and the settlement it reports. */
export interface ProviderEvent {
  eventId: string;
  settlement: ChargeSettlement;
}

/** A callback that is not the provider's: no or a wrong signature, or a timestamp outside the tolerance (stale or replayed later). */
export class CallbackRejectedError extends Error {
  constructor(
    readonly reason: 'missing-signature' | 'bad-signature' | 'stale',
    message: string,
  ) {
    super(message);
  }
}

/** A correctly signed callback whose body is not an event billing understands. */
export class CallbackMalformedError extends Error {}

/** The provider refused the card when it was attached (a decline code such as `card_declined`). */
export class CardDeclinedError extends Error {
  constructor(readonly code: string) {
    super(`card declined: ${code}`);
  }
}

export abstract class PaymentProvider {
  /** The provider's name, kept with each payment method. */
  abstract readonly name: string;
  /** Tokenizes a card, or throws CardDeclinedError. */
  abstract tokenize(card: CardInput): Promise<TokenizedCard>;
  /** Starts a charge (or returns the one started with the same idempotency key); its outcome arrives later, as a signed callback. */
  abstract charge(request: ChargeRequest): Promise<{ chargeId: string }>;
  /** Refunds (part of) a succeeded charge, or returns the refund made with the same idempotency key; never more than the charge in all. */
  abstract refund(request: RefundRequest): Promise<{ refundId: string }>;
  /** Verifies a callback as of `now` and reads it; throws CallbackRejectedError (not the provider's) or CallbackMalformedError. */
  abstract readCallback(callback: ProviderCallback, now: Date): ProviderEvent;
}
