/** The environment of the billing service. */
import { ServiceConfig } from '@tenantry/config';

export class BillingConfig extends ServiceConfig {
  override PORT = 3004;
}
