export class RecordOffboardingFeedbackCommand {
  constructor(
    readonly tenantId: string,
    readonly reason: string,
    readonly score: number,
    readonly comment: string | null,
  ) {}
}
