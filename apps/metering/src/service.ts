/** What the metering service is to the chassis: its name, schema, config and migrations. */
import { MessagingTables1764288000000 } from '@tenantry/messaging';
import { ServiceDefinition } from '@tenantry/service';
import { MeteringConfig } from './metering.config';
import { Metering1764400000000 } from './migrations/1764400000000-metering';

export const SERVICE: ServiceDefinition<MeteringConfig> = {
  name: 'metering',
  schema: 'metering',
  config: MeteringConfig,
  migrations: [MessagingTables1764288000000, Metering1764400000000],
};
