/**
 * A meter: how the events of one key aggregate, which sources may record it and which count towards
 * limits and billing. The six built-in metrics are meters too (seeded rows of the same table).
 * Pure: what an event is worth under a meter is decided here, unit-tested.
 */
import { UsageRecordedPayload, UsageSource } from '@tenantry/contracts';
import { Aggregation } from '@tenantry/usage-api';

export interface Meter {
  key: string;
  description: string;
  unit: string;
  aggregation: Aggregation;
  /** sum/max/latest: the property the value is read from (default: the event's quantity); unique: the property whose distinct values are counted. */
  valueProperty: string | null;
  /** Property → the values an event must carry in it (one of) to be accepted for this meter. */
  filters: Record<string, string[]>;
  /** Up to 3 properties the usage can be broken down by. */
  groupBy: string[];
  /** The sources that may record it (the platform-measured built-ins: `collector` only). */
  recordedBy: UsageSource[];
  /** The sources whose events count towards limits, alerts, the summary and billing. */
  countedSources: UsageSource[];
  builtIn: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type MeterLookup = (key: string) => Meter | undefined;

export function mayRecordMeter(meter: Meter, source: string): boolean {
  return (meter.recordedBy as string[]).includes(source);
}

export function counts(meter: Meter, source: string): boolean {
  return (meter.countedSources as string[]).includes(source);
}

/**
 * What the meter decides about an event when metering records it, carried on UsageRecorded so that
 * consumers (billing) need not know the meter: whether its source counts, how it aggregates and,
 * for a `unique` meter, the member it brings.
 */
export function recordedFields(meter: Meter, source: UsageSource, properties: Record<string, unknown> | undefined | null): Pick<UsageRecordedPayload, 'counted' | 'aggregation' | 'member'> {
  const member = meterMember(meter, properties);
  return { counted: counts(meter, source), aggregation: meter.aggregation, ...(member === undefined ? {} : { member }) };
}

/** The member a `unique` meter counts, or undefined when the event does not carry it. */
export function meterMember(meter: Meter, properties: Record<string, unknown> | undefined | null): string | undefined {
  if (meter.aggregation !== 'unique' || !meter.valueProperty) return undefined;
  return propertyText(properties?.[meter.valueProperty]);
}

function propertyText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Whether the event passes the meter's filters (every filtered property present with one of its values). */
export function matchesFilters(meter: Meter, properties: Record<string, unknown> | undefined | null): boolean {
  for (const [property, allowed] of Object.entries(meter.filters)) {
    const value = propertyText(properties?.[property]);
    if (value === undefined || !allowed.includes(value)) return false;
  }
  return true;
}

/** The group-by keys (`<property>=<value>`) an event adds to; a property the event does not carry is left out. */
export function groupKeys(meter: Meter, properties: Record<string, unknown> | undefined | null): string[] {
  return meter.groupBy.flatMap((property) => {
    const value = propertyText(properties?.[property]);
    return value === undefined ? [] : [`${property}=${value}`];
  });
}
