/** The public usage routes: checked and authorised here, answered by metering. */
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { UuidParamPipe } from '@tenantry/service';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { UsageAlertsQueryDto, UsageQueryDto, UsageSummaryQueryDto } from '@tenantry/usage-api';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation } from '../auth';
import { ApiProblems } from '../openapi';
import { TenantStateGuard } from '../tenant-status';
import { callerOf, queryString, ReplyLike, UpstreamProxy, writeReply } from '../upstream';
import { MEASURED_METRICS_NOTE, TenantUsageEventDto, UsageBatchBody, UsageBatchDto } from './dto/usage-event.dto';
import { UsageAlertsDto, UsageResultsDto, UsageSummaryDto, UsageViewDto } from './dto/usage-view.dto';
import { UsageBatchBodyPipe } from './usage-batch-body.pipe';
import { RecordUsageBatchCommand } from './usecases/record-usage-batch/record-usage-batch.command';
import { RecordUsageBatchUseCase } from './usecases/record-usage-batch/record-usage-batch.use-case';

@ApiTags('usage')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 429, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard, TenantStateGuard)
@Controller('api/v1/platform')
export class UsageController {
  constructor(
    private readonly upstream: UpstreamProxy,
    private readonly recordBatch: RecordUsageBatchUseCase,
  ) {}

  @Post('tenants/:id/usage')
  @PlatformOperation(
    'recordUsage',
    "Record one of a tenant's usage events",
    `Answered after the event is durably accepted; an eventId already counted is reported \`duplicate\`. ${MEASURED_METRICS_NOTE}.`,
  )
  @ApiBody({ type: TenantUsageEventDto })
  @ApiResponse({ status: 202, type: UsageResultsDto, description: 'The outcome of the event: accepted, duplicate or rejected with a reason' })
  @ApiProblems(400, 403, 404)
  async record(@Param('id', UuidParamPipe) id: string, @Body() body: TenantUsageEventDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'metering', method: 'POST', path: `/internal/v1/tenants/${id}/usage`, body });
  }

  @Post('usage/batch')
  @PlatformOperation(
    'recordUsageBatch',
    'Record a batch of usage events',
    `Up to 1,000 events of any tenants (a tenant-admin key: its own tenant only; others are rejected with \`unknown-tenant\`). Each event is judged on its own; results keep the request order. ${MEASURED_METRICS_NOTE}.`,
  )
  @ApiBody({ type: UsageBatchDto })
  @ApiResponse({ status: 202, type: UsageResultsDto, description: 'One result per event, by index' })
  @ApiProblems(400, 403)
  async batch(@Body(UsageBatchBodyPipe) body: UsageBatchBody, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    writeReply(reply, await this.recordBatch.execute(new RecordUsageBatchCommand(callerOf(request), body)), request.url);
  }

  @Get('tenants/:id/usage')
  @PlatformOperation('getUsage', "A tenant's usage", 'Aggregates per metric and window (hour, day or month), and every metric in the current billing month.')
  @ApiOkResponse({ type: UsageViewDto, description: 'Series per metric and the current billing month' })
  @ApiProblems(400, 403, 404)
  async read(@Param('id', UuidParamPipe) id: string, @Query() query: UsageQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'metering', method: 'GET', path: `/internal/v1/tenants/${id}/usage${queryString(query)}` });
  }

  @Get('tenants/:id/usage/alerts')
  @PlatformOperation('listUsageAlerts', "A tenant's usage alerts", 'The alerts metering raised for the tenant — 80 % and 100 % of a limit, a limit exceeded, unusual hourly usage — newest first.')
  @ApiOkResponse({ type: UsageAlertsDto, description: 'The newest alerts, up to `limit`' })
  @ApiProblems(400, 403, 404)
  async alerts(@Param('id', UuidParamPipe) id: string, @Query() query: UsageAlertsQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'metering', method: 'GET', path: `/internal/v1/tenants/${id}/usage/alerts${queryString(query)}` });
  }

  @Get('usage/summary')
  @PlatformOperation('getUsageSummary', 'Usage across tenants', 'Total, percentiles and top consumers of a metric in an hour, day or billing month, with per-tenant totals a page at a time.')
  @ApiOkResponse({ type: UsageSummaryDto, description: 'The summary' })
  @ApiProblems(400, 403)
  async summary(@Query() query: UsageSummaryQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'metering', method: 'GET', path: `/internal/v1/usage/summary${queryString(query)}` });
  }
}
