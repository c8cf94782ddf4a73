/** Read a tenant's dunning state as of `now`. */
export class GetDunningStateCommand {
  constructor(
    readonly tenantId: string,
    readonly now: Date,
  ) {}
}
