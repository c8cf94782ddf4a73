export class GetHealthCommand {
  constructor(readonly tenantId: string) {}
}
