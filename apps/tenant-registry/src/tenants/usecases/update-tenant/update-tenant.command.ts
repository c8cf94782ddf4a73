/** A change of a tenant's descriptive fields, optionally conditional on the version the caller read. */
import { DomainRequest } from '../../tenant-domain';
import { TenantConfigurationValue, TenantResourcesValue } from '../../tenant.row';
import { ActorContext } from '../../tenant-status-change';

export interface TenantChanges {
  name?: string;
  domain?: DomainRequest;
  plan?: { id: string; trial?: boolean; duration?: number };
  configuration?: Partial<TenantConfigurationValue>;
  resources?: Partial<TenantResourcesValue>;
}

export class UpdateTenantCommand {
  constructor(
    readonly tenantId: string,
    readonly changes: TenantChanges,
    readonly by: ActorContext,
    /** The raw If-Match header, if any. */
    readonly ifMatch?: string,
  ) {}
}
