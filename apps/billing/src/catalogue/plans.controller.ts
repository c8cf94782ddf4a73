/** The plan catalogue routes of the internal API (docs/internal-api.md). */
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CreatePlanDto, PlanListDto, PlanViewDto, UpdatePlanDto } from '@tenantry/billing-api';
import { PlanIdPipe } from './plan-id.pipe';
import { toPlanList, toPlanTerms, toPlanView } from './plan.mapper';
import { CreatePlanCommand } from './usecases/create-plan/create-plan.command';
import { CreatePlanUseCase } from './usecases/create-plan/create-plan.use-case';
import { GetPlanCommand } from './usecases/get-plan/get-plan.command';
import { GetPlanUseCase } from './usecases/get-plan/get-plan.use-case';
import { ListPlansUseCase } from './usecases/list-plans/list-plans.use-case';
import { UpdatePlanCommand } from './usecases/update-plan/update-plan.command';
import { UpdatePlanUseCase } from './usecases/update-plan/update-plan.use-case';

@Controller('internal/v1/plans')
export class PlansController {
  constructor(
    private readonly listPlans: ListPlansUseCase,
    private readonly getPlan: GetPlanUseCase,
    private readonly createPlan: CreatePlanUseCase,
    private readonly updatePlan: UpdatePlanUseCase,
  ) {}

  @Get()
  async list(): Promise<PlanListDto> {
    return toPlanList(await this.listPlans.execute());
  }

  @Get(':planId')
  async get(@Param('planId', PlanIdPipe) planId: string): Promise<PlanViewDto> {
    return toPlanView(await this.getPlan.execute(new GetPlanCommand(planId)));
  }

  @Post()
  @HttpCode(201)
  async create(@Body() body: CreatePlanDto): Promise<PlanViewDto> {
    return toPlanView(await this.createPlan.execute(new CreatePlanCommand(body.id, toPlanTerms(body))));
  }

  @Put(':planId')
  async update(@Param('planId', PlanIdPipe) planId: string, @Body() body: UpdatePlanDto): Promise<PlanViewDto> {
    return toPlanView(await this.updatePlan.execute(new UpdatePlanCommand(planId, toPlanTerms(body))));
  }
}
