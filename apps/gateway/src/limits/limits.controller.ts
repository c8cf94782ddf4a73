/** The public limits routes: validated and authorised here, answered by tenant-registry. */
import { Body, Controller, Get, Param, Put, Req, Res, UseGuards } from '@nestjs/common';
import { UuidParamPipe } from '@tenantry/service';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TenantLimitsDto, TenantLimitsViewDto } from '@tenantry/tenant-api';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation } from '../auth';
import { ApiProblems } from '../openapi';
import { TenantStateGuard } from '../tenant-status';
import { ReplyLike, UpstreamProxy } from '../upstream';
import { LimitsBody, LimitsBodyPipe } from './limits-body.pipe';

const TENANTS = '/internal/v1/tenants';

@ApiTags('limits')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 429, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard, TenantStateGuard)
@Controller('api/v1/platform/tenants')
export class LimitsController {
  constructor(private readonly upstream: UpstreamProxy) {}

  @Get(':id/limits')
  @PlatformOperation('getLimits', "A tenant's resource limits", 'Storage and bandwidth in GB, users and API calls per billing month (UTC calendar month); derived from the resources until set.')
  @ApiOkResponse({ type: TenantLimitsViewDto, description: 'The limits with their version' })
  @ApiProblems(400, 403, 404)
  async get(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'GET', path: `${TENANTS}/${id}/limits` });
  }

  @Put(':id/limits')
  @PlatformOperation(
    'setLimits',
    "Replace a tenant's resource limits",
    'Replaces the whole set; without `apiCalls` there is no API-call limit. A `hard` API-call limit answers 429 to the tenant until the next month once exceeded. Each limit is an object `{limit, mode}` (no mode: soft) or, as the product description writes it, a plain number (`{"storage": 10, "users": 5, "bandwidth": 100}`), which keeps the mode the tenant already has for it (soft when none).',
  )
  @ApiBody({ type: TenantLimitsDto })
  @ApiOkResponse({ type: TenantLimitsViewDto, description: 'The new limits with their new version' })
  @ApiProblems(400, 403, 404, 409)
  async set(@Param('id', UuidParamPipe) id: string, @Body(LimitsBodyPipe) body: LimitsBody, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'PUT', path: `${TENANTS}/${id}/limits`, body });
  }
}
