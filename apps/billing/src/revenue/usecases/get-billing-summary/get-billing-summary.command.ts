/** A tenant's billing summary for the dashboard, as of now. */
export class GetBillingSummaryCommand {
  constructor(readonly tenantId: string) {}
}
