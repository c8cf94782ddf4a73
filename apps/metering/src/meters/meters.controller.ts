/** The meters API of metering (the gateway's /api/v1/platform/meters, forwarded here). */
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { invalidField } from '@tenantry/service';
import { DefineMeterDto, METRIC_NAME, MeterFieldsDto, MeterListDto, MeterViewDto } from '@tenantry/usage-api';
import { ChangeMeterCommand } from './usecases/change-meter/change-meter.command';
import { ChangeMeterUseCase } from './usecases/change-meter/change-meter.use-case';
import { DefineMeterCommand } from './usecases/define-meter/define-meter.command';
import { DefineMeterUseCase } from './usecases/define-meter/define-meter.use-case';
import { GetMeterCommand } from './usecases/get-meter/get-meter.command';
import { GetMeterUseCase } from './usecases/get-meter/get-meter.use-case';
import { ListMetersUseCase } from './usecases/list-meters/list-meters.use-case';

function meterKey(key: string): string {
  if (!METRIC_NAME.test(key)) throw invalidField('key', 'key must be lower case letters, digits and _, starting with a letter (at most 63)');
  return key;
}

@Controller('internal/v1/meters')
export class MetersController {
  constructor(
    private readonly list: ListMetersUseCase,
    private readonly get: GetMeterUseCase,
    private readonly define: DefineMeterUseCase,
    private readonly change: ChangeMeterUseCase,
  ) {}

  @Get()
  async all(): Promise<MeterListDto> {
    return this.list.execute();
  }

  @Get(':key')
  async one(@Param('key') key: string): Promise<MeterViewDto> {
    return this.get.execute(new GetMeterCommand(meterKey(key)));
  }

  @Post()
  @HttpCode(201)
  async create(@Body() body: DefineMeterDto): Promise<MeterViewDto> {
    return this.define.execute(new DefineMeterCommand(body));
  }

  @Put(':key')
  async update(@Param('key') key: string, @Body() body: MeterFieldsDto): Promise<MeterViewDto> {
    return this.change.execute(new ChangeMeterCommand(meterKey(key), body));
  }
}
