/** A tenant entered churn risk (one ChurnRiskDetected, identified by its event id). */
export class OpenChurnCheckInCommand {
  constructor(
    readonly eventId: string,
    readonly tenantId: string,
    readonly reasons: readonly string[],
    readonly details: readonly string[],
    readonly at: Date,
  ) {}
}
