/** Payment methods and payments; every read and write names the tenant (settlements find theirs by the payment id they carry). */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { Payment, PaymentMethod } from './payment.row';

/** A method that is the default after a write, and the tenant's default before it (null when it had none; the method's own id when nothing changed). */
export interface DefaultedMethod {
  method: PaymentMethod;
  previousDefaultId: string | null;
}

/** A detached method (as it was: `isDefault` says whether it was the default) and the one that took over as the default, if it was (null when none remains or it was not). */
export interface DetachedMethod {
  detached: PaymentMethod;
  newDefault: PaymentMethod | null;
}

export abstract class PaymentRepository {
  /** Adds a method; when `makeDefault` (or the tenant has none) it becomes the default and the previous default stops being one. */
  abstract addMethod(tx: Transaction, method: PaymentMethod, makeDefault: boolean): Promise<DefaultedMethod>;
  abstract methods(scope: TenantScope): Promise<PaymentMethod[]>;
  abstract defaultMethod(tx: Transaction, scope: TenantScope): Promise<PaymentMethod | undefined>;
  /** Makes one of the tenant's live methods its default (the previous default stops being one); undefined when the tenant has no such method. */
  abstract makeDefault(tx: Transaction, scope: TenantScope & { methodId: string }): Promise<DefaultedMethod | undefined>;
  /** Detaches a method; undefined when the tenant has no such method. The oldest remaining one becomes the default if it was. */
  abstract detachMethod(tx: Transaction, scope: TenantScope & { methodId: string }, at: Date): Promise<DetachedMethod | undefined>;
  /** Inserts an attempt; false when the tenant already has a payment with its idempotency key. */
  abstract insert(tx: Transaction, payment: Payment): Promise<boolean>;
  abstract byIdempotencyKey(scope: TenantScope & { idempotencyKey: string }, tx?: Transaction): Promise<Payment | undefined>;
  /** The attempt a provider settlement is about (billing's payment id is the provider's idempotency key), locked until `tx` ends. */
  abstract lockForSettlement(tx: Transaction, paymentId: string): Promise<Payment | undefined>;
  abstract ofInvoice(scope: TenantScope & { invoiceId: string }, tx?: Transaction): Promise<Payment[]>;
  abstract setCharge(scope: TenantScope & { paymentId: string }, providerChargeId: string): Promise<void>;
  /** Records a provider callback's event id; false when it was recorded before (the callback was delivered again). */
  abstract recordProviderEvent(tx: Transaction, provider: string, eventId: string, at: Date): Promise<boolean>;
  abstract settle(tx: Transaction, scope: TenantScope & { paymentId: string }, status: 'succeeded' | 'failed', failureCode: string | null, at: Date): Promise<void>;
}
