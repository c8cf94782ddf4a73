/** A provisioned tenant's schema (and own database, if it has one) and storage root, to be measured from now on. */

export class RegisterTenantResourcesCommand {
  constructor(
    readonly tenantId: string,
    readonly schemaName: string,
    readonly storageRoot: string,
    readonly at: Date,
    readonly databaseName?: string,
  ) {}
}
