/** What the billing service is to the chassis: its name, schema, config and migrations. */
import { ServiceDefinition } from '@tenantry/service';
import { BillingConfig } from './billing.config';
import { MessagingTables1764288000000 } from './migrations/1764288000000-messaging-tables';

export const SERVICE: ServiceDefinition<BillingConfig> = {
  name: 'billing',
  schema: 'billing',
  config: BillingConfig,
  migrations: [MessagingTables1764288000000],
};
