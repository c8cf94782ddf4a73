/** What the tenant-registry service is to the chassis: its name, schema, config, migrations and consumer groups. */
import { ServiceDefinition } from '@tenantry/service';
import { TenantRegistryConfig } from './tenant-registry.config';
import { MessagingTables1764288000000 } from '@tenantry/messaging';
import { Tenants1764300000000 } from './migrations/1764300000000-tenants';
import { TenantLimits1764500300000 } from './migrations/1764500300000-tenant-limits';
import { TransitionCorrelationId1764600900000 } from './migrations/1764600900000-transition-correlation-id';

export const SERVICE: ServiceDefinition<TenantRegistryConfig> = {
  name: 'tenant-registry',
  schema: 'tenant_registry',
  config: TenantRegistryConfig,
  migrations: [MessagingTables1764288000000, Tenants1764300000000, TenantLimits1764500300000, TransitionCorrelationId1764600900000],
};

/** The service's Kafka consumer groups, named only here; never rename one: its committed offsets are kept under the id. */
export const CONSUMER_GROUPS = {
  provisioning: 'tenant-registry.provisioning',
} as const;
