/** Invoice every ended period of one tenant's subscription, as of `now`. */
export class CloseEndedPeriodsCommand {
  constructor(
    readonly tenantId: string,
    readonly now: Date,
  ) {}
}
