/** A meter as the API shows it (source names as in the usage view: reported, gateway, collector). */
import { MeterViewDto, sourceName } from '@tenantry/usage-api';
import { Meter } from './meter';

export function meterView(meter: Meter): MeterViewDto {
  return {
    key: meter.key,
    description: meter.description,
    unit: meter.unit,
    aggregation: meter.aggregation,
    valueProperty: meter.valueProperty,
    filters: meter.filters,
    groupBy: meter.groupBy,
    recordedBy: meter.recordedBy.map(sourceName),
    countedSources: meter.countedSources.map(sourceName),
    builtIn: meter.builtIn,
    version: meter.version,
    createdAt: meter.createdAt.toISOString(),
    updatedAt: meter.updatedAt.toISOString(),
  };
}
