/** A tenant's dunning state on the internal API (docs/internal-api.md). */
import { Controller, Get, Param } from '@nestjs/common';
import { DunningViewDto } from '@tenantry/billing-api';
import { Clock, UuidParamPipe } from '@tenantry/service';
import { GetDunningStateCommand } from './usecases/get-dunning-state/get-dunning-state.command';
import { GetDunningStateUseCase } from './usecases/get-dunning-state/get-dunning-state.use-case';

@Controller('internal/v1/tenants')
export class DunningController {
  constructor(
    private readonly getState: GetDunningStateUseCase,
    private readonly clock: Clock,
  ) {}

  @Get(':id/dunning')
  get(@Param('id', UuidParamPipe) id: string): Promise<DunningViewDto> {
    return this.getState.execute(new GetDunningStateCommand(id, this.clock.now()));
  }
}
