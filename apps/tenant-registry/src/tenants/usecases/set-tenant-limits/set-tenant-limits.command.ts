/** Replaces a tenant's whole set of limits (modes already defaulted). */
import { PlainLimit } from '@tenantry/tenant-api';
import { TenantLimitSet } from '../../tenant-limits.row';
import { ActorContext } from '../../tenant-status-change';

export class SetTenantLimitsCommand {
  constructor(
    readonly tenantId: string,
    readonly limits: TenantLimitSet,
    readonly by: ActorContext,
    /** Fields (`meters.<key>` for a meter) given as plain numbers: they keep the tenant's current mode (soft when none is set) instead of the default. */
    readonly keepModes: readonly PlainLimit[] = [],
  ) {}
}
