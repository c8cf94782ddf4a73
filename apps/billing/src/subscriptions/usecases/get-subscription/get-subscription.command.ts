export class GetSubscriptionCommand {
  constructor(readonly tenantId: string) {}
}
