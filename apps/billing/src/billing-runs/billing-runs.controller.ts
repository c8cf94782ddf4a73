/** The billing run routes of the internal API (docs/internal-api.md). */
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { BillingRunViewDto, StartBillingRunDto } from '@tenantry/billing-api';
import { UuidParamPipe } from '@tenantry/service';
import { toBillingRunView } from './billing-run.mapper';
import { GetBillingRunCommand } from './usecases/get-billing-run/get-billing-run.command';
import { GetBillingRunUseCase } from './usecases/get-billing-run/get-billing-run.use-case';
import { StartBillingRunCommand } from './usecases/start-billing-run/start-billing-run.command';
import { StartBillingRunUseCase } from './usecases/start-billing-run/start-billing-run.use-case';

@Controller('internal/v1/billing/runs')
export class BillingRunsController {
  constructor(
    private readonly startRun: StartBillingRunUseCase,
    private readonly getRun: GetBillingRunUseCase,
  ) {}

  @Post()
  @HttpCode(202)
  async start(@Body() body: StartBillingRunDto): Promise<BillingRunViewDto> {
    const { run } = await this.startRun.execute(new StartBillingRunCommand('api', body.dryRun ?? false));
    return toBillingRunView(run);
  }

  @Get(':id')
  async get(@Param('id', UuidParamPipe) id: string): Promise<BillingRunViewDto> {
    return toBillingRunView(await this.getRun.execute(new GetBillingRunCommand(id)));
  }
}
