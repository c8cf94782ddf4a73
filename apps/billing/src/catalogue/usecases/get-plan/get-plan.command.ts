export class GetPlanCommand {
  constructor(readonly planId: string) {}
}
