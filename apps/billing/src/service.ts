/** What the billing service is to the chassis: its name, schema, config, migrations and consumer groups. */
import { MessagingTables1764288000000 } from '@tenantry/messaging';
import { ServiceDefinition } from '@tenantry/service';
import { BillingConfig } from './billing.config';
import { Billing1764600000000 } from './migrations/1764600000000-billing';
import { Payments1764700000000 } from './migrations/1764700000000-payments';

export const SERVICE: ServiceDefinition<BillingConfig> = {
  name: 'billing',
  schema: 'billing',
  config: BillingConfig,
  migrations: [MessagingTables1764288000000, Billing1764600000000, Payments1764700000000],
};

/** The service's Kafka consumer groups, named only here; never rename one: its committed offsets are kept under the id. */
export const CONSUMER_GROUPS = {
  tenants: 'billing.tenants',
  usage: 'billing.usage',
} as const;
