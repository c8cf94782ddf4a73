/** Whose history to read. */
export class GetTenantHistoryCommand {
  constructor(readonly tenantId: string) {}
}
