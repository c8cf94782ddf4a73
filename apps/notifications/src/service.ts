/** What the notifications service is to the chassis: its name, schema, config and migrations. */
import { MessagingTables1764288000000 } from '@tenantry/messaging';
import { ServiceDefinition } from '@tenantry/service';
import { NotificationsConfig } from './notifications.config';

export const SERVICE: ServiceDefinition<NotificationsConfig> = {
  name: 'notifications',
  schema: 'notifications',
  config: NotificationsConfig,
  migrations: [MessagingTables1764288000000],
};
