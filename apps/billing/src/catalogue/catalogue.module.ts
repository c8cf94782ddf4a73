/** The plan catalogue: plans with immutable versions, read by subscriptions and the billing run. */
import { Module } from '@nestjs/common';
import { PlanRepository } from './plan.repository';
import { PlansController } from './plans.controller';
import { PostgresPlanRepository } from './postgres-plan.repository';
import { CreatePlanUseCase } from './usecases/create-plan/create-plan.use-case';
import { GetPlanUseCase } from './usecases/get-plan/get-plan.use-case';
import { ListPlansUseCase } from './usecases/list-plans/list-plans.use-case';
import { UpdatePlanUseCase } from './usecases/update-plan/update-plan.use-case';

@Module({
  controllers: [PlansController],
  providers: [{ provide: PlanRepository, useClass: PostgresPlanRepository }, ListPlansUseCase, GetPlanUseCase, CreatePlanUseCase, UpdatePlanUseCase],
  exports: [PlanRepository],
})
export class CatalogueModule {}
