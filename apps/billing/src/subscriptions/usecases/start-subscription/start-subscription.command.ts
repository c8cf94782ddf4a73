/** A TenantCreated as billing takes it. */
export class StartSubscriptionCommand {
  constructor(
    readonly tenantId: string,
    readonly name: string,
    readonly planId: string,
    /** Whether the tenant was created on a trial, and its length (else the plan's). */
    readonly trial: boolean,
    readonly trialDays: number | undefined,
    /** The tenant configuration's currency, if it has one. */
    readonly currency: string | undefined,
    readonly createdAt: Date,
  ) {}
}
