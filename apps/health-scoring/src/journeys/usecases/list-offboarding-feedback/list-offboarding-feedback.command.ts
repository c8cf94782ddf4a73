export class ListOffboardingFeedbackCommand {
  constructor(readonly tenantId: string) {}
}
