/** The environment of the notifications service. */
import { InternalServiceConfig } from '@tenantry/config';

export class NotificationsConfig extends InternalServiceConfig {
  override PORT = 3006;
}
