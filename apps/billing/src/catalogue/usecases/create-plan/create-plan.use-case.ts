/** Adds a plan at version 1; 409 plan-exists when the id is taken. */
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { plainDecimal } from '../../../money/money';
import { CATALOGUE_PROBLEMS } from '../../catalogue.problems';
import { assertPriceable, normalizeCharge } from '../../plan-terms';
import { Plan, PlanVersion } from '../../plan.row';
import { PlanRepository } from '../../plan.repository';
import { CreatePlanCommand } from './create-plan.command';

@Injectable()
export class CreatePlanUseCase {
  constructor(
    private readonly plans: PlanRepository,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreatePlanCommand): Promise<Plan> {
    assertPriceable(command.terms);
    const first: PlanVersion = { planId: command.planId, version: 1, ...command.terms, basePrice: plainDecimal(command.terms.basePrice), charges: command.terms.charges.map(normalizeCharge), createdAt: this.clock.now() };
    const created = await this.transactions.run((tx) => this.plans.create(tx, first));
    if (!created) throw CATALOGUE_PROBLEMS['plan-exists'](`A plan ${command.planId} exists; PUT /plans/${command.planId} makes a new version`, { planId: command.planId });
    return { id: first.planId, currentVersion: 1, current: first };
  }
}
