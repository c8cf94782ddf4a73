/** One meter, read from the database (not the cache), so a read after a write sees it. */
import { Injectable } from '@nestjs/common';
import { MeterViewDto } from '@tenantry/usage-api';
import { meterNotFound } from '../../meter.problems';
import { MeterRepository } from '../../meter.repository';
import { meterView } from '../../meter.view';
import { GetMeterCommand } from './get-meter.command';

@Injectable()
export class GetMeterUseCase {
  constructor(private readonly meters: MeterRepository) {}

  async execute(command: GetMeterCommand): Promise<MeterViewDto> {
    const meter = await this.meters.find(command.key);
    if (!meter) throw meterNotFound(command.key);
    return meterView(meter);
  }
}
