/**
 * The port to a card processor. Billing hands it a card once (`tokenize`) and keeps only the token
 * and display fields; a charge names the token, the amount and an idempotency key (the same key
 * again is the same charge, never a second collection) and is confirmed later, asynchronously,
 * through `onSettled` (a real adapter turns the processor's signed webhook into that call).
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

export interface ChargeSettlement {
  chargeId: string;
  idempotencyKey: string;
  outcome: 'succeeded' | 'failed';
  failureCode: string | null;
  at: Date;
}

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
  /** Starts a charge (or returns the one started with the same idempotency key); its outcome arrives through `onSettled`. */
  abstract charge(request: ChargeRequest): Promise<{ chargeId: string }>;
  /** Registers the handler every settlement is delivered to (billing's SettlePaymentUseCase). */
  abstract onSettled(handler: (settlement: ChargeSettlement) => Promise<void>): void;
}
