export class GetDashboardCommand {
  constructor(readonly tenantId: string) {}
}
