export class ListConfigurationVersionsCommand {
  constructor(
    readonly tenantId: string,
    /** One version only, when given. */
    readonly version?: number,
  ) {}
}
