/** The environment of the provisioning service. */
import { ServiceConfig } from '@tenantry/config';

export class ProvisioningConfig extends ServiceConfig {
  override PORT = 3002;
}
