/** What the tenant-registry service is to the chassis: its name, schema, config, migrations and consumer groups. */
import { ServiceDefinition } from '@tenantry/service';
import { TenantRegistryConfig } from './tenant-registry.config';
import { MessagingTables1764288000000 } from '@tenantry/messaging';
import { Tenants1764300000000 } from './migrations/1764300000000-tenants';
import { TenantLimits1764500300000 } from './migrations/1764500300000-tenant-limits';
import { TransitionCorrelationId1764600900000 } from './migrations/1764600900000-transition-correlation-id';
import { TenantConfiguration1764700000000 } from './migrations/1764700000000-tenant-configuration';
import { BulkJobsMaintenance1764700100000 } from './migrations/1764700100000-bulk-jobs-maintenance';

export const SERVICE: ServiceDefinition<TenantRegistryConfig> = {
  name: 'tenant-registry',
  schema: 'tenant_registry',
  config: TenantRegistryConfig,
  migrations: [MessagingTables1764288000000, Tenants1764300000000, TenantLimits1764500300000, TransitionCorrelationId1764600900000, TenantConfiguration1764700000000, BulkJobsMaintenance1764700100000],
};

/** The service's Kafka consumer groups, named only here; never rename one: its committed offsets are kept under the id. */
export const CONSUMER_GROUPS = {
  provisioning: 'tenant-registry.provisioning',
  billing: 'tenant-registry.billing',
} as const;
