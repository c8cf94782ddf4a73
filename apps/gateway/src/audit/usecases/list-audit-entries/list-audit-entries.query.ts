/** A page of the audit log. */
export class ListAuditEntriesQuery {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
    readonly tenantId?: string,
  ) {}
}
