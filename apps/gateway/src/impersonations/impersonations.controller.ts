/** Support access: time-limited, audited credentials that act as a tenant's admin. */
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@tenantry/service';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation, requirePrincipal } from '../auth';
import { ApiProblems } from '../openapi';
import { callerOf, ReplyLike, writeReply } from '../upstream';
import { CreatedImpersonationDto, CreateImpersonationDto, DEFAULT_IMPERSONATION_MINUTES, ImpersonationDto, ImpersonationListDto } from './dto/impersonation.dto';
import { toImpersonationDto } from './impersonation.mapper';
import { CreateImpersonationCommand } from './usecases/create-impersonation/create-impersonation.command';
import { CreateImpersonationUseCase } from './usecases/create-impersonation/create-impersonation.use-case';
import { ListImpersonationsUseCase } from './usecases/list-impersonations/list-impersonations.use-case';
import { RevokeImpersonationUseCase } from './usecases/revoke-impersonation/revoke-impersonation.use-case';

@ApiTags('impersonation')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 429, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard)
@Controller('api/v1/platform')
export class ImpersonationsController {
  constructor(
    private readonly create: CreateImpersonationUseCase,
    private readonly revoke: RevokeImpersonationUseCase,
    private readonly list: ListImpersonationsUseCase,
  ) {}

  @Post('tenants/:id/impersonations')
  @PlatformOperation(
    'createImpersonation',
    "Act as a tenant's admin for a while (support access)",
    'Support or platform-admin only, with a reason; `ttlMinutes` 1–60 (default 15); read-only unless `write` (platform-admin only). The credential is shown once, acts as the tenant admin, cannot start impersonations or touch API keys, and every call made with it is audited with both identities. Refused (409 `tenant-not-impersonable`, naming the state) for a suspended, offboarding or deleted tenant. The tenant admins are told (ImpersonationStarted).',
  )
  @ApiBody({ type: CreateImpersonationDto })
  @ApiResponse({ status: 201, type: CreatedImpersonationDto, description: 'Started; the token is shown only here' })
  @ApiProblems(400, 403, 404, 409)
  async start(@Param('id', UuidParamPipe) id: string, @Body() body: CreateImpersonationDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    const result = await this.create.execute(new CreateImpersonationCommand(callerOf(request), id, body.reason, body.ttlMinutes ?? DEFAULT_IMPERSONATION_MINUTES, body.write ?? false));
    if ('upstream' in result) {
      writeReply(reply, result.upstream, request.url);
      return;
    }
    const created: CreatedImpersonationDto = { ...toImpersonationDto(result.created), token: result.token };
    reply.status(201).header('cache-control', 'no-store').header('content-type', 'application/json').send(JSON.stringify(created));
  }

  @Get('tenants/:id/impersonations')
  @PlatformOperation('listImpersonations', "A tenant's impersonations", 'Who acted as its admin, why, with what access and until when (never the credential).')
  @ApiOkResponse({ type: ImpersonationListDto })
  @ApiProblems(400, 403, 404)
  async listForTenant(@Param('id', UuidParamPipe) id: string): Promise<ImpersonationListDto> {
    return { items: (await this.list.execute(id)).map(toImpersonationDto) };
  }

  @Delete('impersonations/:id')
  @HttpCode(200)
  @PlatformOperation('revokeImpersonation', 'End an impersonation now', 'Its credential stops working at once.')
  @ApiOkResponse({ type: ImpersonationDto, description: 'The impersonation, revoked' })
  @ApiProblems(400, 403, 404)
  async end(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest): Promise<ImpersonationDto> {
    return toImpersonationDto(await this.revoke.execute(requirePrincipal(request), id));
  }
}
