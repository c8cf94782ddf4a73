/**
 * A change of a plan is its next version: versions are never edited, so subscriptions on an older
 * one keep their price until they are moved. An update identical to the current version adds nothing.
 */
import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { plainDecimal } from '../../../money/money';
import { planNotFound } from '../../catalogue.problems';
import { assertPriceable, normalizeCharge } from '../../plan-terms';
import { Plan, PlanVersion } from '../../plan.row';
import { PlanRepository } from '../../plan.repository';
import { UpdatePlanCommand } from './update-plan.command';

@Injectable()
export class UpdatePlanUseCase {
  constructor(
    private readonly plans: PlanRepository,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdatePlanCommand): Promise<Plan> {
    assertPriceable(command.terms);
    return this.transactions.run(async (tx) => {
      const current = await this.plans.lockCurrentVersion(tx, command.planId);
      if (current === undefined) throw planNotFound(command.planId);
      const existing = await this.plans.version(command.planId, current, tx);
      const terms = { name: command.terms.name, basePrice: plainDecimal(command.terms.basePrice), trialDays: command.terms.trialDays, charges: command.terms.charges.map(normalizeCharge) };
      if (existing && isDeepStrictEqual(JSON.parse(JSON.stringify(terms)), JSON.parse(JSON.stringify({ name: existing.name, basePrice: existing.basePrice, trialDays: existing.trialDays, charges: existing.charges.map(normalizeCharge) })))) {
        return { id: command.planId, currentVersion: current, current: existing };
      }
      const next: PlanVersion = { planId: command.planId, version: current + 1, ...terms, createdAt: this.clock.now() };
      await this.plans.addVersion(tx, next);
      return { id: command.planId, currentVersion: next.version, current: next };
    });
  }
}
