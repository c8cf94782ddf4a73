/** Payment methods (a provider token and display fields, never a card number) and charge attempts. */
import { PaymentAttemptStatus } from '@tenantry/billing-api';

export interface PaymentMethod {
  id: string;
  tenantId: string;
  provider: string;
  providerToken: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
  createdAt: Date;
}

export interface Payment {
  id: string;
  tenantId: string;
  invoiceId: string;
  paymentMethodId: string;
  idempotencyKey: string;
  providerChargeId: string | null;
  amount: string;
  currency: string;
  status: PaymentAttemptStatus;
  failureCode: string | null;
  attempt: number;
  createdAt: Date;
  settledAt: Date | null;
}
