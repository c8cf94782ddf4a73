/** The registry deleted a tenant (TenantDeleted). */
export class RecordTenantDeletionCommand {
  constructor(
    readonly tenantId: string,
    readonly at: Date,
  ) {}
}
