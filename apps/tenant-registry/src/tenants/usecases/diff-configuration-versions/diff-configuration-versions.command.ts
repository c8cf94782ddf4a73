export class DiffConfigurationVersionsCommand {
  constructor(
    readonly tenantId: string,
    readonly from: number,
    readonly to: number,
  ) {}
}
