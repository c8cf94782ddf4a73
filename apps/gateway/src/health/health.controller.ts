/** The public health routes: validated and authorised here (bodies from libs/health-api), answered by health scoring from its own projection. */
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FeedbackViewDto, HealthHistoryDto, HealthHistoryQueryDto, RecordFeedbackDto, TenantDashboardDto, TenantHealthViewDto } from '@tenantry/health-api';
import { UuidParamPipe } from '@tenantry/service';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation } from '../auth';
import { ApiProblems } from '../openapi';
import { TenantStateGuard } from '../tenant-status';
import { queryString, ReplyLike, UpstreamProxy } from '../upstream';

const INTERNAL = '/internal/v1';

@ApiTags('health')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard, TenantStateGuard)
@Controller('api/v1/platform')
export class HealthController {
  constructor(private readonly upstream: UpstreamProxy) {}

  @Get('tenants/:id/health')
  @PlatformOperation(
    'getTenantHealth',
    "A tenant's health score",
    'Overall 0–100 (0–50 red, 51–75 yellow, 76–100 green) as the weighted mean of activity, revenue, compliance, performance and satisfaction, each with its inputs and a one-line explanation; a component without data is left out and the weights renormalised. `alerts` lists the components at 75 or below, `churnRisk` the churn-risk reasons raised. 404 until health scoring has seen an event of the tenant.',
  )
  @ApiOkResponse({ type: TenantHealthViewDto, description: 'The current score' })
  @ApiProblems(400, 403, 404)
  async getHealth(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'health-scoring', method: 'GET', path: `${INTERNAL}/tenants/${id}/health` });
  }

  @Get('tenants/:id/health/history')
  @PlatformOperation('getTenantHealthHistory', "A tenant's health history", 'Every change of the score, newest first (`limit`, default 100).')
  @ApiOkResponse({ type: HealthHistoryDto, description: 'The history' })
  @ApiProblems(400, 403, 404)
  async getHistory(@Param('id', UuidParamPipe) id: string, @Query() query: HealthHistoryQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'health-scoring', method: 'GET', path: `${INTERNAL}/tenants/${id}/health/history${queryString(query)}` });
  }

  @Post('tenants/:id/feedback')
  @PlatformOperation('recordTenantFeedback', 'Record feedback of a tenant', 'An NPS-style score 0–10 and a comment; the average of the last 90 days is the satisfaction component (score × 10).')
  @ApiBody({ type: RecordFeedbackDto })
  @ApiResponse({ status: 201, type: FeedbackViewDto, description: 'The recorded feedback' })
  @ApiProblems(400, 403, 404)
  async recordFeedback(@Param('id', UuidParamPipe) id: string, @Body() body: RecordFeedbackDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'health-scoring', method: 'POST', path: `${INTERNAL}/tenants/${id}/feedback`, body });
  }

  @Get('tenants/:id/dashboard')
  @PlatformOperation(
    'getTenantDashboard',
    "A tenant's dashboard",
    "Status, usage against limits, users, revenue, recent lifecycle actions and the health score with its components, in one call answered from health scoring's own projection of the events (no call to the other services); `asOf` says how fresh it is. A tenant-admin key reads its own tenant only.",
  )
  @ApiOkResponse({ type: TenantDashboardDto, description: 'The dashboard' })
  @ApiProblems(400, 403, 404)
  async getDashboard(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'health-scoring', method: 'GET', path: `${INTERNAL}/tenants/${id}/dashboard` });
  }
}
