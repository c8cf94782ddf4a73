/** The environment of the notifications service. */
import { ServiceConfig } from '@tenantry/config';

export class NotificationsConfig extends ServiceConfig {
  override PORT = 3006;
}
