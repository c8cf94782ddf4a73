/** The maintenance routes of the internal API: list current and coming windows, schedule one, end or cancel one. */
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Clock, UuidParamPipe } from '@tenantry/service';
import { RequestActor } from '../tenants/request-actor';
import { ActorContext } from '../tenants/tenant-status-change';
import { parseMaintenanceRequest } from './maintenance-request';
import { MaintenanceView, toMaintenanceView } from './maintenance.mapper';
import { EndMaintenanceCommand } from './usecases/end-maintenance/end-maintenance.command';
import { EndMaintenanceUseCase } from './usecases/end-maintenance/end-maintenance.use-case';
import { ListMaintenanceUseCase } from './usecases/list-maintenance/list-maintenance.use-case';
import { ScheduleMaintenanceCommand } from './usecases/schedule-maintenance/schedule-maintenance.command';
import { ScheduleMaintenanceUseCase } from './usecases/schedule-maintenance/schedule-maintenance.use-case';

@Controller('internal/v1/maintenance')
export class MaintenanceController {
  constructor(
    private readonly list: ListMaintenanceUseCase,
    private readonly schedule: ScheduleMaintenanceUseCase,
    private readonly end: EndMaintenanceUseCase,
    private readonly clock: Clock,
  ) {}

  @Get()
  async current(): Promise<{ items: MaintenanceView[]; now: string }> {
    return { items: (await this.list.execute()).map(toMaintenanceView), now: this.clock.now().toISOString() };
  }

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @RequestActor() by: ActorContext): Promise<MaintenanceView> {
    const request = parseMaintenanceRequest(body, this.clock.now());
    return toMaintenanceView(await this.schedule.execute(new ScheduleMaintenanceCommand(request, by)));
  }

  @Delete(':id')
  async remove(@Param('id', UuidParamPipe) id: string, @RequestActor() by: ActorContext): Promise<MaintenanceView> {
    return toMaintenanceView(await this.end.execute(new EndMaintenanceCommand(id, by)));
  }
}
