/** A plan change, from TenantPlanChanged or the subscription route. */
export class ChangePlanCommand {
  constructor(
    readonly tenantId: string,
    readonly planId: string,
    /** When it was asked for (the event's `at`, or now). */
    readonly at: Date,
  ) {}
}
