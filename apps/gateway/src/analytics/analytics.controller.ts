/** The cross-tenant analytics routes: validated and authorised here (queries from libs/health-api), answered by health scoring from its pre-aggregated tables. */
import { Controller, Get, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnalyticsQueryDto, BusinessAnalyticsDto, ComparativeAnalyticsDto, ComparativeQueryDto, UsageAnalyticsDto } from '@tenantry/health-api';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation } from '../auth';
import { ApiProblems } from '../openapi';
import { queryString, ReplyLike, UpstreamProxy } from '../upstream';

const INTERNAL = '/internal/v1/analytics';

@ApiTags('analytics')
@ApiBearerAuth('apiKey')
@ApiProblems(400, 401, 403, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard)
@Controller('api/v1/platform/analytics')
export class AnalyticsController {
  constructor(private readonly upstream: UpstreamProxy) {}

  @Get('usage')
  @PlatformOperation(
    'getUsageAnalytics',
    'Usage analytics across tenants',
    'For the UTC days `from`…`to` (YYYY-MM-DD, at most 732 days; `plan` narrows to the tenants on that plan): API calls, bandwidth and daily active users per day, API calls per UTC hour of day, the error rate reported by the gateway’s degraded performance windows (a lower bound), feature utilisation (features enabled in the tenants’ latest configuration) and daily active users against the equally long range before. Per route family is not available yet (the gateway publishes none). Platform roles only; answered from pre-aggregated tables.',
  )
  @ApiOkResponse({ type: UsageAnalyticsDto, description: 'The usage analytics' })
  async getUsage(@Query() query: AnalyticsQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'health-scoring', method: 'GET', path: `${INTERNAL}/usage${queryString(query)}` });
  }

  @Get('business')
  @PlatformOperation(
    'getBusinessAnalytics',
    'Business analytics across tenants',
    'For each month the range touches: MRR per currency (invoices whose period starts in the month, voided ones excluded), tenants created, activated and churned, the churn rate; over the range: the monthly churn rate, LTV per currency (average MRR ÷ monthly churn rate; null when no tenant churned — unbounded; the method is spelled out in `ltvMethod`) and feature adoption. Platform roles only.',
  )
  @ApiOkResponse({ type: BusinessAnalyticsDto, description: 'The business analytics' })
  async getBusiness(@Query() query: AnalyticsQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'health-scoring', method: 'GET', path: `${INTERNAL}/business${queryString(query)}` });
  }

  @Get('comparative')
  @PlatformOperation(
    'getComparativeAnalytics',
    'Each tenant against its plan peers',
    'Mid-rank percentile of each tenant among the tenants of its plan on usage (API calls in the months of the range), health (current score) and growth (usage against the months before): 100 × (below + equal/2) ÷ peers. The distribution per plan (p10, p25, p50, p75, p90, interpolated between closest ranks), the risk indicators (tenants at percentile ≤ 10 on any measure) and one page of tenants (`limit`, `offset`, by tenant id). Platform roles only.',
  )
  @ApiOkResponse({ type: ComparativeAnalyticsDto, description: 'The comparison' })
  async getComparative(@Query() query: ComparativeQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'health-scoring', method: 'GET', path: `${INTERNAL}/comparative${queryString(query)}` });
  }
}
