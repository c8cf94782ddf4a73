import { PlanTerms } from '../../plan-terms';

export class UpdatePlanCommand {
  constructor(
    readonly planId: string,
    readonly terms: PlanTerms,
  ) {}
}
