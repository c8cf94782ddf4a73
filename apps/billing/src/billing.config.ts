/** The environment of the billing service. */
import { InternalServiceConfig } from '@tenantry/config';

export class BillingConfig extends InternalServiceConfig {
  override PORT = 3004;
}
