/** Every plan at its current version, cheapest first. */
import { Injectable } from '@nestjs/common';
import { Plan } from '../../plan.row';
import { PlanRepository } from '../../plan.repository';

@Injectable()
export class ListPlansUseCase {
  constructor(private readonly plans: PlanRepository) {}

  execute(): Promise<Plan[]> {
    return this.plans.list();
  }
}
