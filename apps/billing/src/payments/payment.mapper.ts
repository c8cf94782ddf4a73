/** Payment methods and payments as the API answers them (a token is never answered, a card number never known). */
import { PaymentMethodListDto, PaymentMethodViewDto, PaymentViewDto } from '@tenantry/billing-api';
import { formatMoney } from '../money/money';
import { Payment, PaymentMethod } from './payment.row';

export function toPaymentMethodView(m: PaymentMethod): PaymentMethodViewDto {
  return { id: m.id, tenantId: m.tenantId, provider: m.provider, brand: m.brand, last4: m.last4, expMonth: m.expMonth, expYear: m.expYear, isDefault: m.isDefault, createdAt: m.createdAt.toISOString() };
}

export function toPaymentMethodList(methods: PaymentMethod[]): PaymentMethodListDto {
  return { paymentMethods: methods.map(toPaymentMethodView) };
}

export function toPaymentView(p: Payment): PaymentViewDto {
  return {
    id: p.id, tenantId: p.tenantId, invoiceId: p.invoiceId, paymentMethodId: p.paymentMethodId, idempotencyKey: p.idempotencyKey, amount: formatMoney(p.amount, p.currency), currency: p.currency,
    status: p.status, failureCode: p.failureCode, attempt: p.attempt, createdAt: p.createdAt.toISOString(), settledAt: p.settledAt?.toISOString() ?? null,
  };
}
