/** One plan at its current version, or 404 plan-not-found. */
import { Injectable } from '@nestjs/common';
import { planNotFound } from '../../catalogue.problems';
import { Plan } from '../../plan.row';
import { PlanRepository } from '../../plan.repository';
import { GetPlanCommand } from './get-plan.command';

@Injectable()
export class GetPlanUseCase {
  constructor(private readonly plans: PlanRepository) {}

  async execute(command: GetPlanCommand): Promise<Plan> {
    const plan = await this.plans.find(command.planId);
    if (!plan) throw planNotFound(command.planId);
    return plan;
  }
}
