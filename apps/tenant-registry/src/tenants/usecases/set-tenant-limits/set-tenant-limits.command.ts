/** Replaces a tenant's whole set of limits (modes already defaulted). */
import { TenantLimitSet } from '../../tenant-limits.row';
import { ActorContext } from '../../tenant-status-change';

export class SetTenantLimitsCommand {
  constructor(
    readonly tenantId: string,
    readonly limits: TenantLimitSet,
    readonly by: ActorContext,
  ) {}
}
