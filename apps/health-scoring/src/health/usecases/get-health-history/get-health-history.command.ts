export class GetHealthHistoryCommand {
  constructor(
    readonly tenantId: string,
    readonly limit: number,
  ) {}
}
