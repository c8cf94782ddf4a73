/** The tenant-registry internal API (docs/internal-api.md): each route builds a command and runs its use case. */
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CreateTenantDto, ListTenantsQueryDto, OffboardTenantQueryDto, SuspendTenantDto, TenantHistoryDto, TenantPageDto, TenantViewDto, UpdateTenantDto } from '@tenantry/tenant-api';
import { UuidParamPipe } from '@tenantry/service';
import { RequestActor } from './request-actor';
import { Tenant } from './tenant.row';
import { etagOf, toTenantView, toTransitionView } from './tenant.mapper';
import { ActorContext } from './tenant-status-change';
import { CreateTenantCommand } from './usecases/create-tenant/create-tenant.command';
import { CreateTenantUseCase } from './usecases/create-tenant/create-tenant.use-case';
import { GetTenantCommand } from './usecases/get-tenant/get-tenant.command';
import { GetTenantUseCase } from './usecases/get-tenant/get-tenant.use-case';
import { GetTenantHistoryCommand } from './usecases/get-tenant-history/get-tenant-history.command';
import { GetTenantHistoryUseCase } from './usecases/get-tenant-history/get-tenant-history.use-case';
import { ListTenantsCommand } from './usecases/list-tenants/list-tenants.command';
import { ListTenantsUseCase } from './usecases/list-tenants/list-tenants.use-case';
import { OffboardTenantCommand } from './usecases/offboard-tenant/offboard-tenant.command';
import { OffboardTenantUseCase } from './usecases/offboard-tenant/offboard-tenant.use-case';
import { ReactivateTenantCommand } from './usecases/reactivate-tenant/reactivate-tenant.command';
import { ReactivateTenantUseCase } from './usecases/reactivate-tenant/reactivate-tenant.use-case';
import { RetryProvisioningCommand } from './usecases/retry-provisioning/retry-provisioning.command';
import { RetryProvisioningUseCase } from './usecases/retry-provisioning/retry-provisioning.use-case';
import { SuspendTenantCommand } from './usecases/suspend-tenant/suspend-tenant.command';
import { SuspendTenantUseCase } from './usecases/suspend-tenant/suspend-tenant.use-case';
import { UpdateTenantCommand } from './usecases/update-tenant/update-tenant.command';
import { UpdateTenantUseCase } from './usecases/update-tenant/update-tenant.use-case';

interface HeaderReply {
  header(name: string, value: string): unknown;
}

export const TENANTS_PATH = 'internal/v1/tenants';

function withEtag(reply: HeaderReply, tenant: Tenant): TenantViewDto {
  reply.header('ETag', etagOf(tenant));
  return toTenantView(tenant);
}

@Controller(TENANTS_PATH)
export class TenantsController {
  constructor(
    private readonly createTenant: CreateTenantUseCase,
    private readonly listTenants: ListTenantsUseCase,
    private readonly getTenant: GetTenantUseCase,
    private readonly updateTenant: UpdateTenantUseCase,
    private readonly suspendTenant: SuspendTenantUseCase,
    private readonly reactivateTenant: ReactivateTenantUseCase,
    private readonly offboardTenant: OffboardTenantUseCase,
    private readonly retryProvisioning: RetryProvisioningUseCase,
    private readonly getHistory: GetTenantHistoryUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: CreateTenantDto, @RequestActor() by: ActorContext, @Res({ passthrough: true }) reply: HeaderReply): Promise<TenantViewDto> {
    const tenant = await this.createTenant.execute(new CreateTenantCommand(body.name, body.adminEmail, body.domain, body.plan, body.configuration ?? {}, body.resources ?? {}, by));
    reply.header('Location', `/${TENANTS_PATH}/${tenant.id}`);
    return withEtag(reply, tenant);
  }

  @Get()
  async list(@Query() query: ListTenantsQueryDto): Promise<TenantPageDto> {
    const page = await this.listTenants.execute(new ListTenantsCommand(query.limit, query.sort, query.cursor, query.status, query.plan, query.q));
    return { items: page.items.map(toTenantView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  async get(@Param('id', UuidParamPipe) id: string, @Res({ passthrough: true }) reply: HeaderReply): Promise<TenantViewDto> {
    return withEtag(reply, await this.getTenant.execute(new GetTenantCommand(id)));
  }

  @Put(':id')
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateTenantDto,
    @Headers('if-match') ifMatch: string | undefined,
    @RequestActor() by: ActorContext,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<TenantViewDto> {
    return withEtag(reply, await this.updateTenant.execute(new UpdateTenantCommand(id, { ...body }, by, ifMatch)));
  }

  @Post(':id/suspend')
  @HttpCode(200)
  async suspend(@Param('id', UuidParamPipe) id: string, @Body() body: SuspendTenantDto, @RequestActor() by: ActorContext, @Res({ passthrough: true }) reply: HeaderReply): Promise<TenantViewDto> {
    return withEtag(reply, await this.suspendTenant.execute(new SuspendTenantCommand(id, by, body.reason)));
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  async reactivate(@Param('id', UuidParamPipe) id: string, @RequestActor() by: ActorContext, @Res({ passthrough: true }) reply: HeaderReply): Promise<TenantViewDto> {
    return withEtag(reply, await this.reactivateTenant.execute(new ReactivateTenantCommand(id, by)));
  }

  @Delete(':id')
  @HttpCode(202)
  async offboard(@Param('id', UuidParamPipe) id: string, @Query() query: OffboardTenantQueryDto, @RequestActor() by: ActorContext, @Res({ passthrough: true }) reply: HeaderReply): Promise<TenantViewDto> {
    return withEtag(reply, await this.offboardTenant.execute(new OffboardTenantCommand(id, by, query.reason ?? null)));
  }

  @Post(':id/provisioning/retry')
  @HttpCode(202)
  async retry(@Param('id', UuidParamPipe) id: string, @RequestActor() by: ActorContext, @Res({ passthrough: true }) reply: HeaderReply): Promise<TenantViewDto> {
    return withEtag(reply, await this.retryProvisioning.execute(new RetryProvisioningCommand(id, by)));
  }

  @Get(':id/history')
  async history(@Param('id', UuidParamPipe) id: string): Promise<TenantHistoryDto> {
    const transitions = await this.getHistory.execute(new GetTenantHistoryCommand(id));
    return { items: transitions.map(toTransitionView) };
  }
}
