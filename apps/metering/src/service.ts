/** What the metering service is to the chassis: its name, schema, config and migrations. */
import { ServiceDefinition } from '@tenantry/service';
import { MeteringConfig } from './metering.config';
import { MessagingTables1764288000000 } from './migrations/1764288000000-messaging-tables';

export const SERVICE: ServiceDefinition<MeteringConfig> = {
  name: 'metering',
  schema: 'metering',
  config: MeteringConfig,
  migrations: [MessagingTables1764288000000],
};
