/** The revenue routes of the internal API (docs/internal-api.md): the platform's revenue report and a tenant's billing summary. */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { BillingSummaryDto, RevenueQueryDto, RevenueReportDto } from '@tenantry/billing-api';
import { UuidParamPipe } from '@tenantry/service';
import { GetBillingSummaryCommand } from './usecases/get-billing-summary/get-billing-summary.command';
import { GetBillingSummaryUseCase } from './usecases/get-billing-summary/get-billing-summary.use-case';
import { GetRevenueCommand } from './usecases/get-revenue/get-revenue.command';
import { GetRevenueUseCase } from './usecases/get-revenue/get-revenue.use-case';

@Controller('internal/v1')
export class RevenueController {
  constructor(
    private readonly revenue: GetRevenueUseCase,
    private readonly summary: GetBillingSummaryUseCase,
  ) {}

  @Get('revenue')
  get(@Query() query: RevenueQueryDto): Promise<RevenueReportDto> {
    return this.revenue.execute(new GetRevenueCommand(query.from, query.to));
  }

  @Get('tenants/:id/billing-summary')
  billingSummary(@Param('id', UuidParamPipe) id: string): Promise<BillingSummaryDto> {
    return this.summary.execute(new GetBillingSummaryCommand(id));
  }
}
