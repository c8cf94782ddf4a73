/** The cross-tenant usage summary of metering's internal API (docs/internal-api.md). */
import { Controller, Get, Query } from '@nestjs/common';
import { UsageSummaryQueryDto } from './dto/usage-summary-query.dto';
import { UsageSummaryView } from './dto/usage-summary-view.dto';
import { GetUsageSummaryCommand } from './usecases/get-usage-summary/get-usage-summary.command';
import { GetUsageSummaryUseCase } from './usecases/get-usage-summary/get-usage-summary.use-case';

export const DEFAULT_TOP = 10;
export const DEFAULT_TOTALS_LIMIT = 100;

@Controller('internal/v1/usage')
export class SummaryController {
  constructor(private readonly getSummary: GetUsageSummaryUseCase) {}

  @Get('summary')
  summary(@Query() query: UsageSummaryQueryDto): Promise<UsageSummaryView> {
    return this.getSummary.execute(
      new GetUsageSummaryCommand(query.metric, query.period ?? 'month', query.at === undefined ? undefined : new Date(query.at), query.top ?? DEFAULT_TOP, query.limit ?? DEFAULT_TOTALS_LIMIT, query.cursor),
    );
  }
}
