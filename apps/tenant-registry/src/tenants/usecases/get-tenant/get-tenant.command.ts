/** Which tenant to read. */
export class GetTenantCommand {
  constructor(readonly tenantId: string) {}
}
