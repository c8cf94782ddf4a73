/** What the billing service is to the chassis: its name, schema, config and migrations. */
import { MessagingTables1764288000000 } from '@tenantry/messaging';
import { ServiceDefinition } from '@tenantry/service';
import { BillingConfig } from './billing.config';

export const SERVICE: ServiceDefinition<BillingConfig> = {
  name: 'billing',
  schema: 'billing',
  config: BillingConfig,
  migrations: [MessagingTables1764288000000],
};
