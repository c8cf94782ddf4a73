/** What the notifications service is to the chassis: its name, schema, config, migrations and consumer groups. */
import { MessagingTables1764288000000 } from '@tenantry/messaging';
import { ServiceDefinition } from '@tenantry/service';
import { Email1765000000600 } from './migrations/1765000000600-email';
import { Webhooks1765000000700 } from './migrations/1765000000700-webhooks';
import { DirectoryOffboarded1765000000800 } from './migrations/1765000000800-directory-offboarded';
import { NotificationsConfig } from './notifications.config';

export const SERVICE: ServiceDefinition<NotificationsConfig> = {
  name: 'notifications',
  schema: 'notifications',
  config: NotificationsConfig,
  migrations: [MessagingTables1764288000000, Email1765000000600, Webhooks1765000000700, DirectoryOffboarded1765000000800],
};

/** The service's Kafka consumer groups, named only here; never rename one: its committed offsets are kept under the id. */
export const CONSUMER_GROUPS = {
  email: 'notifications.email',
  webhooks: 'notifications.webhooks',
} as const;
