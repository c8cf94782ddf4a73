/** PUT /tenants/:id/subscription: a plan change and/or a new tax rate. */
export class UpdateSubscriptionCommand {
  constructor(
    readonly tenantId: string,
    readonly planId: string | undefined,
    readonly taxRate: string | undefined,
  ) {}
}
