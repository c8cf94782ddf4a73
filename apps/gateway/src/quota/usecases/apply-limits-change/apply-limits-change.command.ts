/** A TenantLimitsChanged as the quota needs it. */
import { ResourceLimit } from '@tenantry/contracts';

export class ApplyLimitsChangeCommand {
  constructor(
    readonly tenantId: string,
    readonly version: number,
    readonly limits: readonly ResourceLimit[],
  ) {}
}
