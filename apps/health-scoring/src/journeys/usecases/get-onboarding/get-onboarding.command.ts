export class GetOnboardingCommand {
  constructor(readonly tenantId: string) {}
}
