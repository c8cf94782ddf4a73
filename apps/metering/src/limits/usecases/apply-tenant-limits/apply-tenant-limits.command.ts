/** A TenantLimitsChanged as the limit projection takes it. */
import { ResourceLimit } from '@tenantry/contracts';

export class ApplyTenantLimitsCommand {
  constructor(
    readonly tenantId: string,
    readonly limits: readonly ResourceLimit[],
    readonly version: number,
    readonly at: Date
  ) {}
}
