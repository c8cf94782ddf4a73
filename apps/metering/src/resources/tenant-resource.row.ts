/** A provisioned tenant's measurable resources as the projection stores them (not an event payload, not a DTO). */
export interface TenantResource {
  tenantId: string;
  /** The tenant's Postgres schema: in its own database if it has one, else in the shared tenant database. */
  schemaName: string;
  /** The tenant's own database (isolation tier `database`); undefined in the shared tier. */
  databaseName?: string;
  /** The tenant's storage root directory. */
  storageRoot: string;
}
