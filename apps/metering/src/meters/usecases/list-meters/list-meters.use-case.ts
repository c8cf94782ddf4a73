/** Every meter, built-in and custom, by key. */
import { Injectable } from '@nestjs/common';
import { MeterListDto } from '@tenantry/usage-api';
import { MeterRepository } from '../../meter.repository';
import { meterView } from '../../meter.view';

@Injectable()
export class ListMetersUseCase {
  constructor(private readonly meters: MeterRepository) {}

  async execute(): Promise<MeterListDto> {
    return { meters: (await this.meters.all()).map(meterView) };
  }
}
