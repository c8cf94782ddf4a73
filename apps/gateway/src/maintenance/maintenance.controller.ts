/** The public maintenance routes, answered by the tenant registry (the windows' owner); the gate that enforces them is MaintenanceGate. */
import { Body, Controller, Delete, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@tenantry/service';
import { AuthenticationGuard, AuthorizationGuard, GatewayRequest, PlatformOperation } from '../auth';
import { ApiProblems } from '../openapi';
import { ReplyLike, UpstreamProxy } from '../upstream';
import { MaintenanceListDto, MaintenanceViewDto, ScheduleMaintenanceDto } from './dto/maintenance.dto';

const INTERNAL = '/internal/v1/maintenance';

@ApiTags('maintenance')
@ApiBearerAuth('apiKey')
@ApiProblems(401, 503)
@UseGuards(AuthenticationGuard, AuthorizationGuard)
@Controller('api/v1/platform/maintenance')
export class MaintenanceController {
  constructor(private readonly upstream: UpstreamProxy) {}

  @Get()
  @PlatformOperation('listMaintenance', 'Current and coming maintenance windows', 'Active and scheduled windows, soonest first.')
  @ApiOkResponse({ type: MaintenanceListDto, description: 'The windows' })
  @ApiProblems(403)
  async list(@Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'GET', path: INTERNAL });
  }

  @Post()
  @PlatformOperation(
    'scheduleMaintenance',
    'Schedule a maintenance window',
    "Global, per plan or per tenant; scheduled ahead (`startsAt`) or an emergency that starts now (`emergency: true`). During it the affected tenants' keys get 503 `maintenance` with Retry-After (seconds to its end); platform keys keep access. Announced as MaintenanceScheduled, MaintenanceStarted and, when it ends by itself or early, MaintenanceEnded.",
  )
  @ApiBody({ type: ScheduleMaintenanceDto })
  @ApiResponse({ status: 201, type: MaintenanceViewDto, description: 'The window' })
  @ApiProblems(400, 403, 404, 422)
  async schedule(@Body() body: unknown, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'POST', path: INTERNAL, body });
  }

  @Delete(':maintenanceId')
  @PlatformOperation('endMaintenance', 'End a maintenance window now, or cancel a scheduled one', 'Announced as MaintenanceEnded (`ended-early` or `cancelled`); 409 when it is already over.')
  @ApiOkResponse({ type: MaintenanceViewDto, description: 'The window, ended or cancelled' })
  @ApiProblems(400, 403, 404, 409)
  async end(@Param('maintenanceId', UuidParamPipe) maintenanceId: string, @Req() request: GatewayRequest, @Res() reply: ReplyLike): Promise<void> {
    await this.upstream.relay(request, reply, { upstream: 'tenant-registry', method: 'DELETE', path: `${INTERNAL}/${maintenanceId}` });
  }
}
