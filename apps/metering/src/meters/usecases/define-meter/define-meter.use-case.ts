/** Defines a custom meter: recorded by clients (source `reported`), usable at once by ingestion, limits, alerts and billing. */
import { Injectable } from '@nestjs/common';
import { invalidFields } from '@tenantry/service';
import { MeterViewDto } from '@tenantry/usage-api';
import { MeterCatalogue } from '../../meter-catalogue';
import { meterExists } from '../../meter.problems';
import { MeterRepository } from '../../meter.repository';
import { CUSTOM_METER_SOURCES, meterFields } from '../../meter-rules';
import { meterView } from '../../meter.view';
import { DefineMeterCommand } from './define-meter.command';

@Injectable()
export class DefineMeterUseCase {
  constructor(
    private readonly meters: MeterRepository,
    private readonly catalogue: MeterCatalogue,
  ) {}

  async execute(command: DefineMeterCommand): Promise<MeterViewDto> {
    const checked = meterFields(command.body.key, command.body, CUSTOM_METER_SOURCES);
    if ('problems' in checked) throw invalidFields(checked.problems);
    const created = await this.meters.create(checked.fields);
    if (!created) throw meterExists(command.body.key);
    this.catalogue.put(created);
    return meterView(created);
  }
}
