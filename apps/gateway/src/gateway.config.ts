/** The environment of the gateway service. */
import { ServiceConfig } from '@tenantry/config';

export class GatewayConfig extends ServiceConfig {
  override PORT = 3000;
}
