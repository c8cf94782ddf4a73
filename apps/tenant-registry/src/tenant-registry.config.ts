/** The environment of the tenant-registry service. */
import { ServiceConfig } from '@tenantry/config';

export class TenantRegistryConfig extends ServiceConfig {
  override PORT = 3001;
}
