/** Everything needed to register a new tenant; optional parts fall back to the plan's defaults. */
import { DomainRequest } from '../../tenant-domain';
import { TenantConfigurationValue, TenantResourcesValue } from '../../tenant.row';
import { ActorContext } from '../../tenant-status-change';

export class CreateTenantCommand {
  constructor(
    readonly name: string,
    readonly adminEmail: string,
    readonly domain: DomainRequest,
    readonly plan: { id: string; trial?: boolean; duration?: number },
    readonly configuration: Partial<TenantConfigurationValue>,
    readonly resources: Partial<TenantResourcesValue>,
    readonly by: ActorContext,
  ) {}
}
