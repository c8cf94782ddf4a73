export class RecomputeHealthCommand {
  constructor(
    readonly tenantId: string,
    readonly now: Date,
  ) {}
}
