/** What the billing service is to the chassis: its name, schema, config, migrations and consumer groups. */
import { MessagingTables1764288000000 } from '@tenantry/messaging';
import { ServiceDefinition } from '@tenantry/service';
import { BillingConfig } from './billing.config';
import { Billing1764600000000 } from './migrations/1764600000000-billing';
import { Payments1764700000000 } from './migrations/1764700000000-payments';
import { Dunning1765000000050 } from './migrations/1765000000050-dunning';
import { CreditNotes1765000000200 } from './migrations/1765000000200-credit-notes';
import { ProviderEvents1765000000400 } from './migrations/1765000000400-provider-events';
import { TrialEndingNotices1765000000500 } from './migrations/1765000000500-trial-ending-notices';
import { Revenue1765000000300 } from './migrations/1765000000300-revenue';

export const SERVICE: ServiceDefinition<BillingConfig> = {
  name: 'billing',
  schema: 'billing',
  config: BillingConfig,
  migrations: [MessagingTables1764288000000, Billing1764600000000, Payments1764700000000, Dunning1765000000050, CreditNotes1765000000200, Revenue1765000000300, ProviderEvents1765000000400, TrialEndingNotices1765000000500],
};

/** The service's Kafka consumer groups, named only here; never rename one: its committed offsets are kept under the id. */
export const CONSUMER_GROUPS = {
  tenants: 'billing.tenants',
  usage: 'billing.usage',
} as const;
