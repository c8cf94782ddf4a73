/** The public tenant routes: validated and authorised here, answered by tenant-registry and provisioning. */
import { UuidParamPipe } from '@tenantry/service';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CreateTenantDto, ListTenantsQueryDto, OffboardTenantQueryDto, SuspendTenantDto, TenantHistoryDto, TenantPageDto, TenantViewDto, UpdateTenantDto } from '@tenantry/tenant-api';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation } from '../auth';
import { idempotencyKeyOf } from '../idempotency';
import { ApiProblems } from '../openapi';
import { TenantStateGuard } from '../tenant-status';
import { callerOf, queryString, ReplyLike, UpstreamProxy, writeReply } from '../upstream';
import { ExportQueryDto, ProvisioningQueryDto } from './dto/export-query.dto';
import { CreateTenantBody, UpdateTenantBody } from './dto/tenant-body.dto';
import { DomainVerificationDto, ProvisioningSagaDto, TenantExportDto } from './dto/provisioning-view.dto';
import { CreateTenantBodyPipe, UpdateTenantBodyPipe } from './tenant-body.pipes';
import { CreateTenantCommand } from './usecases/create-tenant/create-tenant.command';
import { CreateTenantUseCase } from './usecases/create-tenant/create-tenant.use-case';
import { ListTenantsQuery } from './usecases/list-tenants/list-tenants.query';
import { ListTenantsUseCase } from './usecases/list-tenants/list-tenants.use-case';
import { UpdateTenantCommand } from './usecases/update-tenant/update-tenant.command';
import { UpdateTenantUseCase } from './usecases/update-tenant/update-tenant.use-case';

const TENANTS = '/internal/v1/tenants';

@ApiTags('tenants')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 429, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard, TenantStateGuard)
@Controller('api/v1/platform/tenants')
export class TenantsController {
  constructor(
    private readonly upstream: UpstreamProxy,
    private readonly createTenant: CreateTenantUseCase,
    private readonly listTenants: ListTenantsUseCase,
    private readonly updateTenant: UpdateTenantUseCase,
  ) {}

  @Get()
  @PlatformOperation('listTenants', 'List tenants', 'A page of tenants, filtered and sorted; a tenant-admin key sees only its own tenant.')
  @ApiOkResponse({ type: TenantPageDto, description: 'A page of tenants' })
  @ApiProblems(400, 403)
  async list(@Query() filters: ListTenantsQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    writeReply(reply, await this.listTenants.execute(new ListTenantsQuery(callerOf(request), filters)), request.url);
  }

  @Post()
  @PlatformOperation('createTenant', 'Create a tenant', 'Starts provisioning. With an Idempotency-Key, a retry with the same body replays the first answer.')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Up to 255 printable characters; kept at least 24 hours' })
  @ApiBody({ type: CreateTenantDto, description: 'Short form `{name, domain, plan, adminEmail}` (domain and plan as strings) or the full TenantProvisioningConfig' })
  @ApiResponse({ status: 201, type: TenantViewDto, description: 'Created; status `provisioning`' })
  @ApiProblems(400, 403, 409, 422)
  async create(
    @Body(CreateTenantBodyPipe) body: CreateTenantBody,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: GatewayRequest,
    @Res() reply: ReplyLike,
  ): Promise<void> {
    idempotencyKeyOf(idempotencyKey);
    const path = request.url.split('?')[0] ?? request.url;
    const result = await this.createTenant.execute(new CreateTenantCommand(callerOf(request), body, path, idempotencyKey));
    writeReply(reply, result.reply, path, result.replayed ? { 'idempotent-replayed': 'true' } : {});
  }

  @Get(':id')
  @PlatformOperation('getTenant', 'Get a tenant')
  @ApiOkResponse({ type: TenantViewDto, description: 'The tenant; ETag W/"<version>"' })
  @ApiProblems(400, 403, 404)
  async get(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'GET', path: `${TENANTS}/${id}` });
  }

  @Put(':id')
  @PlatformOperation('updateTenant', 'Change a tenant', 'Any of name, domain, plan, configuration, resources. A tenant-admin key may change only name and configuration.')
  @ApiHeader({ name: 'If-Match', required: false, description: 'W/"<version>" from the ETag; a stale one gives 412' })
  @ApiBody({ type: UpdateTenantDto })
  @ApiOkResponse({ type: TenantViewDto, description: 'The changed tenant with its new ETag' })
  @ApiProblems(400, 403, 404, 409, 412, 422)
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body(UpdateTenantBodyPipe) body: UpdateTenantBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: GatewayRequest,
    @Res() reply: ReplyLike,
  ): Promise<void> {
    writeReply(reply, await this.updateTenant.execute(new UpdateTenantCommand(callerOf(request), id, body, ifMatch)), request.url);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @PlatformOperation('suspendTenant', 'Suspend a tenant', 'Its tenant-scoped calls are refused with `tenant-suspended` until it is reactivated.')
  @ApiOkResponse({ type: TenantViewDto, description: 'The tenant, now suspended' })
  @ApiProblems(400, 403, 404, 409)
  async suspend(@Param('id', UuidParamPipe) id: string, @Body() body: SuspendTenantDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'POST', path: `${TENANTS}/${id}/suspend`, body: body ?? {} });
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @PlatformOperation('reactivateTenant', 'Reactivate a suspended tenant')
  @ApiOkResponse({ type: TenantViewDto, description: 'The tenant, active again' })
  @ApiProblems(400, 403, 404, 409)
  async reactivate(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'POST', path: `${TENANTS}/${id}/reactivate` });
  }

  @Delete(':id')
  @PlatformOperation(
    'deleteTenant',
    'Offboard a tenant',
    'Starts offboarding (export, then removal); the tenant ends `deleted`. An optional `reason` is carried on TenantOffboardingStarted; one naming abuse or a write-off means no win-back message later.',
  )
  @ApiResponse({ status: 202, type: TenantViewDto, description: 'Offboarding started' })
  @ApiProblems(400, 403, 404, 409)
  async remove(@Param('id', UuidParamPipe) id: string, @Query() query: OffboardTenantQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'DELETE', path: `${TENANTS}/${id}${queryString(query)}` });
  }

  @Get(':id/history')
  @PlatformOperation('getTenantHistory', 'Lifecycle history of a tenant', 'Every status transition, oldest first.')
  @ApiOkResponse({ type: TenantHistoryDto, description: 'The transitions' })
  @ApiProblems(400, 403, 404)
  async history(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'GET', path: `${TENANTS}/${id}/history` });
  }

  @Get(':id/provisioning')
  @PlatformOperation('getProvisioning', 'Provisioning progress of a tenant', 'The latest saga with its steps; `all=true` lists every saga.')
  @ApiOkResponse({ type: ProvisioningSagaDto, description: 'The latest saga' })
  @ApiProblems(400, 403, 404)
  async provisioning(@Param('id', UuidParamPipe) id: string, @Query() query: ProvisioningQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'provisioning', method: 'GET', path: `${TENANTS}/${id}/provisioning${query.all ? `?all=${query.all}` : ''}` });
  }

  @Post(':id/provisioning/retry')
  @HttpCode(202)
  @PlatformOperation('retryProvisioning', 'Retry a failed provisioning', 'Only from `provisioning_failed`.')
  @ApiResponse({ status: 202, type: TenantViewDto, description: 'Provisioning restarted' })
  @ApiProblems(400, 403, 404, 409)
  async retry(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'POST', path: `${TENANTS}/${id}/provisioning/retry` });
  }

  @Get(':id/export')
  @PlatformOperation('getExport', 'The data export of an offboarded tenant', '`download=true` streams the archive (application/gzip).')
  @ApiOkResponse({ type: TenantExportDto, description: 'The export (named, not located), or the archive itself' })
  @ApiProblems(400, 403, 404)
  async export(@Param('id', UuidParamPipe) id: string, @Query() query: ExportQueryDto, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'provisioning', method: 'GET', path: `${TENANTS}/${id}/export${query.download ? `?download=${query.download}` : ''}` });
  }

  @Post(':id/domain/verify')
  @HttpCode(200)
  @PlatformOperation('verifyDomain', "Verify a tenant's custom domain", 'Succeeds once the DNS TXT record `_tenantry-verify.<domain>` holds the token.')
  @ApiOkResponse({ type: DomainVerificationDto, description: 'Verified' })
  @ApiProblems(400, 403, 404, 409)
  async verifyDomain(@Param('id', UuidParamPipe) id: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'provisioning', method: 'POST', path: `${TENANTS}/${id}/domain/verify` });
  }
}
