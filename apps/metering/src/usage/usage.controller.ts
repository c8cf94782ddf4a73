/** The metering internal API (docs/internal-api.md): each route builds a command and runs its use case. */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { UuidParamPipe } from '@tenantry/service';
import { RecordUsageBatchDto, TenantUsageEventDto } from './dto/record-usage.dto';
import { UsageQueryDto } from '@tenantry/usage-api';
import { UsageResultsView, UsageView } from './dto/usage-view.dto';
import { GetUsageCommand } from './usecases/get-usage/get-usage.command';
import { GetUsageUseCase } from './usecases/get-usage/get-usage.use-case';
import { RecordUsageCommand } from './usecases/record-usage/record-usage.command';
import { RecordUsageUseCase } from './usecases/record-usage/record-usage.use-case';

@Controller('internal/v1')
export class UsageController {
  constructor(
    private readonly recordUsage: RecordUsageUseCase,
    private readonly getUsage: GetUsageUseCase,
  ) {}

  @Post('usage/batch')
  @HttpCode(202)
  async recordBatch(@Body() body: RecordUsageBatchDto): Promise<UsageResultsView> {
    return { results: await this.recordUsage.execute(new RecordUsageCommand(body.events)) };
  }

  @Post('tenants/:id/usage')
  @HttpCode(202)
  async recordOne(@Param('id', UuidParamPipe) tenantId: string, @Body() body: TenantUsageEventDto): Promise<UsageResultsView> {
    return { results: await this.recordUsage.execute(new RecordUsageCommand([{ ...body, tenantId }])) };
  }

  @Get('tenants/:id/usage')
  async read(@Param('id', UuidParamPipe) tenantId: string, @Query() query: UsageQueryDto): Promise<UsageView> {
    const at = (value: string | undefined) => (value === undefined ? undefined : new Date(value));
    return this.getUsage.execute(new GetUsageCommand(tenantId, query.granularity ?? 'day', at(query.from), at(query.to), query.metric, query.groupBy));
  }
}
