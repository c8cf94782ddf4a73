/** Payment methods and payments; every read and write names the tenant (settlements find theirs by the payment id they carry). */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { Payment, PaymentMethod } from './payment.row';

export abstract class PaymentRepository {
  /** Adds a method; when `makeDefault` (or the tenant has none) it becomes the default and the previous default stops being one. */
  abstract addMethod(tx: Transaction, method: PaymentMethod, makeDefault: boolean): Promise<PaymentMethod>;
  abstract methods(scope: TenantScope): Promise<PaymentMethod[]>;
  abstract defaultMethod(tx: Transaction, scope: TenantScope): Promise<PaymentMethod | undefined>;
  /** Detaches a method; false when the tenant has no such method. The oldest remaining one becomes the default if it was. */
  abstract detachMethod(tx: Transaction, scope: TenantScope & { methodId: string }, at: Date): Promise<boolean>;
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
