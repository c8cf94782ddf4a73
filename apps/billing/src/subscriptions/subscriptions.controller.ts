/** A tenant's subscription routes of the internal API (docs/internal-api.md). */
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ChangeSubscriptionDto, SubscriptionViewDto } from '@tenantry/billing-api';
import { UuidParamPipe } from '@tenantry/service';
import { toSubscriptionView } from './subscription.mapper';
import { GetSubscriptionCommand } from './usecases/get-subscription/get-subscription.command';
import { GetSubscriptionUseCase } from './usecases/get-subscription/get-subscription.use-case';
import { UpdateSubscriptionCommand } from './usecases/update-subscription/update-subscription.command';
import { UpdateSubscriptionUseCase } from './usecases/update-subscription/update-subscription.use-case';

@Controller('internal/v1/tenants')
export class SubscriptionsController {
  constructor(
    private readonly getSubscription: GetSubscriptionUseCase,
    private readonly updateSubscription: UpdateSubscriptionUseCase,
  ) {}

  @Get(':id/subscription')
  async get(@Param('id', UuidParamPipe) id: string): Promise<SubscriptionViewDto> {
    return toSubscriptionView(await this.getSubscription.execute(new GetSubscriptionCommand(id)));
  }

  @Put(':id/subscription')
  async update(@Param('id', UuidParamPipe) id: string, @Body() body: ChangeSubscriptionDto): Promise<SubscriptionViewDto> {
    return toSubscriptionView(await this.updateSubscription.execute(new UpdateSubscriptionCommand(id, body.planId, body.taxRate)));
  }
}
