/** The environment of the metering service. */
import { ServiceConfig } from '@tenantry/config';

export class MeteringConfig extends ServiceConfig {
  override PORT = 3003;
}
