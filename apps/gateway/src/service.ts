/** What the gateway service is to the chassis: its name, schema, config, migrations and consumer groups. */
import { ServiceDefinition } from '@tenantry/service';
import { GatewayConfig } from './gateway.config';
import { MessagingTables1764288000000 } from '@tenantry/messaging';
import { GatewayTables1764400000000 } from './migrations/1764400000000-gateway-tables';
import { ApiCallQuota1764500300000 } from './migrations/1764500300000-api-call-quota';
import { TenantPlans1764600500000 } from './migrations/1764600500000-tenant-plans';
import { ApiKeyHashing1764607130000 } from './migrations/1764607130000-api-key-hashing';
import { AuditCorrelationId1764600900000 } from './migrations/1764600900000-audit-correlation-id';
import { Impersonations1765100000000 } from './migrations/1765100000000-impersonations';

export const SERVICE: ServiceDefinition<GatewayConfig> = {
  name: 'gateway',
  schema: 'gateway',
  config: GatewayConfig,
  migrations: [MessagingTables1764288000000, GatewayTables1764400000000, ApiCallQuota1764500300000, TenantPlans1764600500000, AuditCorrelationId1764600900000, ApiKeyHashing1764607130000, Impersonations1765100000000],
  // The public door: it authenticates API keys itself, and signs the internal tokens the others check.
  callers: 'public',
};

/** The service's Kafka consumer groups, named only here; never rename one: its committed offsets are kept under the id. */
export const CONSUMER_GROUPS = {
  lifecycle: 'gateway.lifecycle',
  quota: 'gateway.quota',
} as const;
