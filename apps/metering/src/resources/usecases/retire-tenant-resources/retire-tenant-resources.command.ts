/** A tenant whose data is gone (offboarded or deleted): no longer measured. */

export class RetireTenantResourcesCommand {
  constructor(
    readonly tenantId: string,
    readonly at: Date
  ) {}
}
