/** The tenant limits routes of the internal API (docs/internal-api.md): read and replace a tenant's limits. */
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { TenantLimitsViewDto } from '@tenantry/tenant-api';
import { UuidParamPipe } from '@tenantry/service';
import { LimitsBodyPipe, LimitsRequest } from './limits-body.pipe';
import { RequestActor } from './request-actor';
import { toLimitSet, toTenantLimitsView } from './tenant-limits.mapper';
import { ActorContext } from './tenant-status-change';
import { TENANTS_PATH } from './tenants.controller';
import { GetTenantLimitsCommand } from './usecases/get-tenant-limits/get-tenant-limits.command';
import { GetTenantLimitsUseCase } from './usecases/get-tenant-limits/get-tenant-limits.use-case';
import { SetTenantLimitsCommand } from './usecases/set-tenant-limits/set-tenant-limits.command';
import { SetTenantLimitsUseCase } from './usecases/set-tenant-limits/set-tenant-limits.use-case';

@Controller(TENANTS_PATH)
export class TenantLimitsController {
  constructor(
    private readonly getLimits: GetTenantLimitsUseCase,
    private readonly setLimits: SetTenantLimitsUseCase,
  ) {}

  @Get(':id/limits')
  async get(@Param('id', UuidParamPipe) id: string): Promise<TenantLimitsViewDto> {
    return toTenantLimitsView(await this.getLimits.execute(new GetTenantLimitsCommand(id)));
  }

  @Put(':id/limits')
  async set(@Param('id', UuidParamPipe) id: string, @Body(LimitsBodyPipe) body: LimitsRequest, @RequestActor() by: ActorContext): Promise<TenantLimitsViewDto> {
    return toTenantLimitsView(await this.setLimits.execute(new SetTenantLimitsCommand(id, toLimitSet(body.limits), by, body.plain)));
  }
}
