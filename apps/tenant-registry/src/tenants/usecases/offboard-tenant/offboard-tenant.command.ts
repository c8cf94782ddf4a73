/** Start offboarding a tenant: export, then removal by provisioning. */
import { ActorContext } from '../../tenant-status-change';

export class OffboardTenantCommand {
  constructor(
    readonly tenantId: string,
    readonly by: ActorContext,
    /** Why (optional), carried on TenantOffboardingStarted. */
    readonly reason: string | null = null,
  ) {}
}
