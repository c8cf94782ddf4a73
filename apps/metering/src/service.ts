/** What the metering service is to the chassis: its name, schema, config, migrations and consumer groups. */
import { MessagingTables1764288000000 } from '@tenantry/messaging';
import { ServiceDefinition } from '@tenantry/service';
import { MeteringConfig } from './metering.config';
import { Metering1764400000000 } from './migrations/1764400000000-metering';
import { LimitsAlerts1764500000000 } from './migrations/1764500000000-limits-alerts';
import { Collectors1764500200000 } from './migrations/1764500200000-collectors';
import { UsageDedupBySource1764600300000 } from './migrations/1764600300000-usage-dedup-by-source';
import { TenantResourceDatabase1765000000501 } from './migrations/1765000000501-tenant-resource-database';
import { UsageSourcesAndMeters1766000000000 } from './migrations/1766000000000-usage-sources-and-meters';
import { UsageAlertByTenant1767100000000 } from './migrations/1767100000000-usage-alert-by-tenant';

export const SERVICE: ServiceDefinition<MeteringConfig> = {
  name: 'metering',
  schema: 'metering',
  config: MeteringConfig,
  migrations: [MessagingTables1764288000000, Metering1764400000000, LimitsAlerts1764500000000, Collectors1764500200000, UsageDedupBySource1764600300000, TenantResourceDatabase1765000000501, UsageSourcesAndMeters1766000000000, UsageAlertByTenant1767100000000],
};

/** The service's Kafka consumer groups, named only here; never rename one: its committed offsets are kept under the id. */
export const CONSUMER_GROUPS = {
  tenants: 'metering.tenants',
  aggregates: 'metering.aggregates',
  resources: 'metering.resources',
  apiUsage: 'metering.api-usage',
} as const;
