/** What the health-scoring service is to the chassis: its name, schema, config and migrations. */
import { MessagingTables1764288000000 } from '@tenantry/messaging';
import { ServiceDefinition } from '@tenantry/service';
import { HealthScoringConfig } from './health-scoring.config';

export const SERVICE: ServiceDefinition<HealthScoringConfig> = {
  name: 'health-scoring',
  schema: 'health_scoring',
  config: HealthScoringConfig,
  migrations: [MessagingTables1764288000000],
};
