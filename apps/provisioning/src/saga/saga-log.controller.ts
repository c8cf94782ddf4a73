/** GET /internal/v1/tenants/:id/provisioning: the step log. */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { UuidParamPipe } from '@tenantry/service';
import { GetSagaLogUseCase } from './usecases/get-saga-log/get-saga-log.use-case';

@Controller('internal/v1/tenants/:id/provisioning')
export class SagaLogController {
  constructor(private readonly getSagaLog: GetSagaLogUseCase) {}

  @Get()
  get(@Param('id', UuidParamPipe) tenantId: string, @Query('all') all?: string) {
    return this.getSagaLog.execute({ tenantId, all: all === 'true' });
  }
}
