/** What the health-scoring service is to the chassis: its name, schema, config, migrations and consumer groups. */
import { MessagingTables1764288000000 } from '@tenantry/messaging';
import { ServiceDefinition } from '@tenantry/service';
import { HealthScoringConfig } from './health-scoring.config';
import { Health1765000000800 } from './migrations/1765000000800-health';
import { Journeys1765000000900 } from './migrations/1765000000900-journeys';
import { Analytics1765000000950 } from './migrations/1765000000950-analytics';
import { Rescoring1765000000960 } from './migrations/1765000000960-rescoring';
import { JourneyDomainType1765000000970 } from './migrations/1765000000970-journey-domain-type';
import { DirtyMarks1765000000980 } from './migrations/1765000000980-dirty-marks';

export const SERVICE: ServiceDefinition<HealthScoringConfig> = {
  name: 'health-scoring',
  schema: 'health_scoring',
  config: HealthScoringConfig,
  migrations: [MessagingTables1764288000000, Health1765000000800, Journeys1765000000900, Analytics1765000000950, Rescoring1765000000960, JourneyDomainType1765000000970, DirtyMarks1765000000980],
};

/** The service's Kafka consumer groups, named only here; never rename one: its committed offsets are kept under the id. */
export const CONSUMER_GROUPS = {
  lifecycle: 'health-scoring.lifecycle',
  usage: 'health-scoring.usage',
  alerts: 'health-scoring.alerts',
  billing: 'health-scoring.billing',
} as const;

/** Analytics' own consumer groups (its pre-aggregated tables are kept apart from the health projection); never rename one. */
export const ANALYTICS_CONSUMER_GROUPS = {
  lifecycle: 'health-scoring.analytics-lifecycle',
  usage: 'health-scoring.analytics-usage',
  alerts: 'health-scoring.analytics-alerts',
  billing: 'health-scoring.analytics-billing',
} as const;
