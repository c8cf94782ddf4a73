/** The public limits routes: validated and authorised here, answered by tenant-registry. */
import { Body, Controller, Get, Param, Put, Req, Res, UseGuards } from '@nestjs/common';
import { UuidParamPipe } from '@tenantry/service';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TenantLimitsDto, TenantLimitsViewDto } from '@tenantry/tenant-api';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation } from '../auth';
import { ApiProblems } from '../openapi';
import { TenantStateGuard } from '../tenant-status';
import { callerOf, ReplyLike, UpstreamProxy, writeReply } from '../upstream';
import { LimitsBody, LimitsBodyPipe } from './limits-body.pipe';
import { SetLimitsCommand } from './usecases/set-limits/set-limits.command';
import { SetLimitsUseCase } from './usecases/set-limits/set-limits.use-case';

const TENANTS = '/internal/v1/tenants';

@ApiTags('limits')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 429, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard, TenantStateGuard)
@Controller('api/v1/platform/tenants')
export class LimitsController {
  constructor(
    private readonly upstream: UpstreamProxy,
    private readonly setLimits: SetLimitsUseCase,
  ) {}

  @Get(':id/limits')
  @PlatformOperation('getLimits', "A tenant's resource limits", 'Storage and bandwidth in GB, users and API calls per billing month (UTC calendar month), and `meters`: limits on meters by key in their own unit (absent when there are none); derived from the resources until set.')
  @ApiOkResponse({ type: TenantLimitsViewDto, description: 'The limits with their version' })
  @ApiProblems(400, 403, 404)
  async get(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'GET', path: `${TENANTS}/${id}/limits` });
  }

  @Put(':id/limits')
  @PlatformOperation(
    'setLimits',
    "Replace a tenant's resource limits",
    'Replaces the whole set; without `apiCalls` there is no API-call limit. A `hard` API-call limit answers 429 to the tenant until the next month once exceeded. Each limit is an object `{limit, mode}` (no mode: soft) or, as the product description writes it, a plain number (`{"storage": 10, "users": 5, "bandwidth": 100}`), which keeps the mode the tenant already has for it (soft when none). `meters` limits operator-defined (or other built-in) meters by key, in the meter\'s unit per billing month, published in TenantLimitsChanged so metering alerts on them (80 %, 100 %, exceeded); a key that is not a defined meter is a 400 naming `meters.<key>`, and so is a built-in meter a fixed field limits (`storage_bytes` → `storage`, `bandwidth_bytes` → `bandwidth`, `active_users` → `users`, `api_calls` → `apiCalls`). A `hard` meter limit is announced as hard (`UsageLimitExceeded` `mode: hard`) for the service doing the metered work to enforce; metering keeps recording usage beyond it, so the bill stays true.',
  )
  @ApiBody({
    type: TenantLimitsDto,
    examples: {
      objects: { summary: 'Objects with modes', value: { storage: { limit: 50, mode: 'hard' }, users: { limit: 25 }, bandwidth: { limit: 100 }, apiCalls: { limit: 100000, mode: 'hard' } } },
      meters: {
        summary: 'With limits on operator-defined meters (an object, or a plain number: soft, or the mode already set)',
        value: { storage: { limit: 10 }, users: { limit: 5 }, bandwidth: { limit: 100 }, meters: { documents_processed: { limit: 10000, mode: 'hard' }, gpu_minutes: 600 } },
      },
    },
  })
  @ApiOkResponse({ type: TenantLimitsViewDto, description: 'The new limits with their new version' })
  @ApiProblems(400, 403, 404, 409)
  async set(@Param('id', UuidParamPipe) id: string, @Body(LimitsBodyPipe) body: LimitsBody, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    writeReply(reply, await this.setLimits.execute(new SetLimitsCommand(callerOf(request), id, body)), request.url);
  }
}
