/** The payment-method events from the methods a write touched: display fields only, never the provider's token (a card number billing never has). */
import { DefaultPaymentMethodChangeCause } from '@tenantry/contracts';
import { OutboundEvent } from '@tenantry/messaging';
import { PaymentMethod } from './payment.row';

export function paymentMethodAttached(m: PaymentMethod): OutboundEvent {
  return {
    type: 'PaymentMethodAttached',
    payload: { tenantId: m.tenantId, paymentMethodId: m.id, brand: m.brand, last4: m.last4, expMonth: m.expMonth, expYear: m.expYear, isDefault: m.isDefault, attachedAt: m.createdAt.toISOString() },
  };
}

export function paymentMethodRemoved(detached: PaymentMethod, newDefault: PaymentMethod | null, at: Date): OutboundEvent {
  return {
    type: 'PaymentMethodRemoved',
    payload: {
      tenantId: detached.tenantId, paymentMethodId: detached.id, brand: detached.brand, last4: detached.last4, wasDefault: detached.isDefault,
      ...(newDefault ? { newDefaultPaymentMethodId: newDefault.id } : {}), removedAt: at.toISOString(),
    },
  };
}

/** `current` is the default now (null: none remains), `previousId` the one before (null: there was none). */
export function defaultPaymentMethodChanged(tenantId: string, current: PaymentMethod | null, previousId: string | null, cause: DefaultPaymentMethodChangeCause, at: Date): OutboundEvent {
  return {
    type: 'DefaultPaymentMethodChanged',
    payload: {
      tenantId,
      ...(current ? { paymentMethodId: current.id, brand: current.brand, last4: current.last4 } : {}),
      ...(previousId ? { previousPaymentMethodId: previousId } : {}),
      cause, at: at.toISOString(),
    },
  };
}
