/** What the provisioning service is to the chassis: its name, schema, config, migrations and consumer groups. */
import { ServiceDefinition } from '@tenantry/service';
import { ProvisioningConfig } from './provisioning.config';
import { MessagingTables1764288000000 } from '@tenantry/messaging';
import { Sagas1764300000000 } from './migrations/1764300000000-sagas';
import { TenantDataKeys1764900000000 } from './migrations/1764900000000-tenant-data-keys';
import { TenantIsolationTier1765000000500 } from './migrations/1765000000500-tenant-isolation-tier';
import { TenantImports1765100000000 } from './migrations/1765100000000-tenant-imports';
import { TenantImportCancel1765200000000 } from './migrations/1765200000000-tenant-import-cancel';

export const SERVICE: ServiceDefinition<ProvisioningConfig> = {
  name: 'provisioning',
  schema: 'provisioning',
  config: ProvisioningConfig,
  migrations: [MessagingTables1764288000000, Sagas1764300000000, TenantDataKeys1764900000000, TenantIsolationTier1765000000500, TenantImports1765100000000, TenantImportCancel1765200000000],
};

/** The service's Kafka consumer groups, named only here; never rename one: its committed offsets are kept under the id. */
export const CONSUMER_GROUPS = {
  lifecycle: 'provisioning.lifecycle',
} as const;
