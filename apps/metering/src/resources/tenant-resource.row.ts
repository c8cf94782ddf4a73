/** A provisioned tenant's measurable resources as the projection stores them (not an event payload, not a DTO). */
export interface TenantResource {
  tenantId: string;
  /** The tenant's Postgres schema in the tenant database. */
  schemaName: string;
  /** The tenant's storage root directory. */
  storageRoot: string;
}
