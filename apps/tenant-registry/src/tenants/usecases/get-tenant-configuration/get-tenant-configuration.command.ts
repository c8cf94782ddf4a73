export class GetTenantConfigurationCommand {
  constructor(readonly tenantId: string) {}
}
