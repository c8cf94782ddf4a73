/** The public lifecycle-journey routes: validated and authorised here (bodies from libs/health-api), answered by health scoring. */
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CheckInListDto,
  CheckInQueryDto,
  CheckInViewDto,
  CompleteCheckInDto,
  OffboardingFeedbackListDto,
  OffboardingFeedbackViewDto,
  OnboardingViewDto,
  RecordOffboardingFeedbackDto,
} from '@tenantry/health-api';
import { UuidParamPipe } from '@tenantry/service';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation } from '../auth';
import { ApiProblems } from '../openapi';
import { TenantStateGuard } from '../tenant-status';
import { queryString, ReplyLike, UpstreamProxy } from '../upstream';

const INTERNAL = '/internal/v1';

@ApiTags('journeys')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard, TenantStateGuard)
@Controller('api/v1/platform')
export class JourneysController {
  constructor(private readonly upstream: UpstreamProxy) {}

  @Get('tenants/:id/onboarding')
  @PlatformOperation(
    'getTenantOnboarding',
    "A tenant's onboarding checklist",
    'Branding set, first usage, first active user, payment method attached, domain verified — each `done` (with when), `pending`, `unknown` when no event tells it yet (the seam is named in `source`), or `not-applicable` (`domain-verified` for a tenant on a platform subdomain); the last two are left out of the progress. `progressPercent` = done ÷ items that apply and have a source; `timeToFirstValueSeconds` from creation to the first usage. Derived from events by health scoring; 404 until it has seen one of the tenant. A tenant-admin key reads its own tenant only.',
  )
  @ApiOkResponse({ type: OnboardingViewDto, description: 'The checklist' })
  @ApiProblems(400, 403, 404)
  async onboarding(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'health-scoring', method: 'GET', path: `${INTERNAL}/tenants/${id}/onboarding` });
  }

  @Get('retention/check-ins')
  @PlatformOperation(
    'listRetentionCheckIns',
    'Retention check-ins (operator tasks)',
    'Opened when a tenant enters churn risk (`kind: churn-risk`, with the reasons) and, for green tenants, every HEALTH_SUCCESS_CHECKIN_DAYS (`kind: success`); the tenant admin is mailed for each. Newest due first, at most 200; `status` filters.',
  )
  @ApiOkResponse({ type: CheckInListDto, description: 'The check-ins' })
  @ApiProblems(400, 403)
  async checkIns(@Query() query: CheckInQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'health-scoring', method: 'GET', path: `${INTERNAL}/retention/check-ins${queryString(query)}` });
  }

  @Post('retention/check-ins/:checkInId/complete')
  @HttpCode(200)
  @PlatformOperation('completeRetentionCheckIn', 'Complete a retention check-in', 'With a note of what was done; the key that completed it is recorded. 409 `check-in-completed` when it already is.')
  @ApiBody({ type: CompleteCheckInDto })
  @ApiOkResponse({ type: CheckInViewDto, description: 'The completed check-in' })
  @ApiProblems(400, 403, 404, 409)
  async complete(@Param('checkInId', UuidParamPipe) checkInId: string, @Body() body: CompleteCheckInDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'health-scoring', method: 'POST', path: `${INTERNAL}/retention/check-ins/${checkInId}/complete`, body });
  }

  @Post('tenants/:id/offboarding-feedback')
  @PlatformOperation(
    'recordOffboardingFeedback',
    'Record why a tenant leaves',
    'A reason from the fixed list, a 0–10 score and a comment; the latest reason travels with the win-back message (WinBackDue) sent HEALTH_WINBACK_DELAY_DAYS after the tenant was removed.',
  )
  @ApiBody({ type: RecordOffboardingFeedbackDto })
  @ApiResponse({ status: 201, type: OffboardingFeedbackViewDto, description: 'The recorded feedback' })
  @ApiProblems(400, 403, 404)
  async recordFeedback(@Param('id', UuidParamPipe) id: string, @Body() body: RecordOffboardingFeedbackDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'health-scoring', method: 'POST', path: `${INTERNAL}/tenants/${id}/offboarding-feedback`, body });
  }

  @Get('tenants/:id/offboarding-feedback')
  @PlatformOperation('listOffboardingFeedback', "A tenant's offboarding feedback", 'Newest first; an empty list when it left none.')
  @ApiOkResponse({ type: OffboardingFeedbackListDto, description: 'The feedback' })
  @ApiProblems(400, 403, 404)
  async listFeedback(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'health-scoring', method: 'GET', path: `${INTERNAL}/tenants/${id}/offboarding-feedback` });
  }
}
