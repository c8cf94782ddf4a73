/** A lifecycle transition that matters to revenue: the tenant stopped paying for good, or came back. */
export class RecordLifecycleCommand {
  constructor(
    readonly tenantId: string,
    /** `canceled`: TenantDeactivated or TenantDeleted; `reactivated`: TenantActivated or TenantReactivated after one of those. */
    readonly kind: 'canceled' | 'reactivated',
    readonly at: Date,
  ) {}
}
