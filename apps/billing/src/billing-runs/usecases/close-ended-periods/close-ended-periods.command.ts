/** Invoice every ended period of these tenants' subscriptions (the billing run's page; one tenant is a page of one), as of `now`. */
export class CloseEndedPeriodsCommand {
  constructor(
    readonly tenantIds: readonly string[],
    readonly now: Date,
  ) {}
}
