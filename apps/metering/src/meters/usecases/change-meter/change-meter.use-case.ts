/**
 * Changes a meter. Refused (409) when it would change the aggregation of a meter that has usage
 * (its figures would mean two things: define a new meter), or a field a built-in meter keeps
 * (only description and countedSources can change there). Counted sources apply to usage
 * aggregated from then on.
 */
import { Injectable } from '@nestjs/common';
import { invalidFields } from '@tenantry/service';
import { MeterViewDto } from '@tenantry/usage-api';
import { MeterCatalogue } from '../../meter-catalogue';
import { meterBuiltIn, meterHasUsage, meterNotFound } from '../../meter.problems';
import { MeterRepository } from '../../meter.repository';
import { builtInFieldsChanged, meterFields } from '../../meter-rules';
import { meterView } from '../../meter.view';
import { ChangeMeterCommand } from './change-meter.command';

@Injectable()
export class ChangeMeterUseCase {
  constructor(
    private readonly meters: MeterRepository,
    private readonly catalogue: MeterCatalogue,
  ) {}

  async execute(command: ChangeMeterCommand): Promise<MeterViewDto> {
    const existing = await this.meters.find(command.key);
    if (!existing) throw meterNotFound(command.key);
    const checked = meterFields(command.key, command.body, existing.recordedBy);
    if ('problems' in checked) throw invalidFields(checked.problems);
    if (existing.builtIn) {
      const kept = builtInFieldsChanged(existing, checked.fields);
      if (kept.length > 0) throw meterBuiltIn(existing.key, kept);
    }
    if (checked.fields.aggregation !== existing.aggregation && (await this.meters.hasData(existing.key))) throw meterHasUsage(existing.key, existing.aggregation, checked.fields.aggregation);
    const updated = await this.meters.update(checked.fields);
    this.catalogue.put(updated);
    return meterView(updated);
  }
}
