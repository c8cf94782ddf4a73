/** What makes a meter definition acceptable, and which changes a meter can take (pure, unit-tested). */
import { UsageSource } from '@tenantry/contracts';
import { FieldProblem } from '@tenantry/service';
import { MeterFieldsDto, SourceName, sourceName, wireSource } from '@tenantry/usage-api';
import { Meter } from './meter';
import { MeterFields } from './meter.repository';

/** Sources a custom meter can be recorded by: clients, through the ingestion API. */
export const CUSTOM_METER_SOURCES: UsageSource[] = ['api'];

/** The fields of a definition, checked across each other; problems name the field. */
export function meterFields(key: string, body: MeterFieldsDto, recordedBy: UsageSource[]): { fields: MeterFields } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (body.aggregation === 'unique' && body.valueProperty === undefined) problems.push({ field: 'valueProperty', message: 'valueProperty is required for a unique meter: the property whose distinct values are counted' });
  if (body.aggregation === 'count' && body.valueProperty !== undefined) problems.push({ field: 'valueProperty', message: 'valueProperty must not be set for a count meter (it counts events)' });
  const counted = (body.countedSources ?? recordedBy.map(sourceName) as SourceName[]).map(wireSource);
  const foreign = counted.filter((source) => !recordedBy.includes(source));
  if (foreign.length > 0) problems.push({ field: 'countedSources', message: `countedSources may only name sources that record the meter: ${recordedBy.map(sourceName).join(', ')}` });
  if (problems.length > 0) return { problems };
  return {
    fields: {
      key,
      description: body.description,
      unit: body.unit,
      aggregation: body.aggregation,
      valueProperty: body.valueProperty ?? null,
      filters: body.filters ?? {},
      groupBy: body.groupBy ?? [],
      recordedBy,
      countedSources: counted,
    },
  };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields a change would alter that a built-in meter keeps (only description and countedSources may change). */
export function builtInFieldsChanged(existing: Meter, next: MeterFields): string[] {
  const changed: string[] = [];
  if (next.unit !== existing.unit) changed.push('unit');
  if (next.aggregation !== existing.aggregation) changed.push('aggregation');
  if (next.valueProperty !== existing.valueProperty) changed.push('valueProperty');
  if (!sameJson(next.filters, existing.filters)) changed.push('filters');
  if (!sameJson(next.groupBy, existing.groupBy)) changed.push('groupBy');
  return changed;
}
