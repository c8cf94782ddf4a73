/** Which tenant's alerts to list, how many, and from when. */
export class ListUsageAlertsCommand {
  constructor(
    readonly tenantId: string,
    readonly limit: number,
    readonly from?: Date,
  ) {}
}
