import { PlanTerms } from '../../plan-terms';

export class CreatePlanCommand {
  constructor(
    readonly planId: string,
    readonly terms: PlanTerms,
  ) {}
}
