/** Whose limits to read. */
export class GetTenantLimitsCommand {
  constructor(readonly tenantId: string) {}
}
