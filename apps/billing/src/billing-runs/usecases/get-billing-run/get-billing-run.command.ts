export class GetBillingRunCommand {
  constructor(readonly runId: string) {}
}
